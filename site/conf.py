# Sphinx configuration for the static site. The build assembles _build/src from site/, the executed
# notebooks, data/README.md and the generated pages, then runs Sphinx on it (see helpers/tools/build.py).
project = "The China – North Korea – Russia Triangle: research notebooks"
author = "Triangle Notebooks contributors"
copyright = "2026, Triangle Notebooks contributors (code MIT, data and text CC BY 4.0)"

extensions = ["myst_nb", "sphinx_exercise", "sphinx_design"]
# No dollarmath: prose is full of dollar amounts, and the site renders no equations.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Notebooks arrive already executed by helpers.build (cached on their data); Sphinx never runs code.
nb_execution_mode = "off"
nb_merge_streams = True
# Plotly output carries both HTML and its JSON; the site shows the HTML.
nb_mime_priority_overrides = [("html", "application/vnd.plotly.v1+json", None)]

exclude_patterns = ["_build", "**.ipynb_checkpoints", "_build_info.json", "_extra"]
# The data downloads (each CSV, the data package, a zip of data/, verdicts.json), written by the build into
# _extra/ and copied to the site's root as they are (helpers/tools/build.py, write_downloads).
html_extra_path = ["_extra"]
html_theme = "sphinx_book_theme"
html_title = "China – North Korea – Russia"
html_static_path = ["_static"]
# One local copy of plotly.js for the whole site: no CDN, no copy inlined in each page.
html_js_files = ["plotly.min.js"]
html_css_files = ["triangle.css"]
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}
# myst-nb declares notebook pages as possibly holding math; point MathJax at an empty local file so no page
# ever asks a CDN for it (the notebooks render no equations).
mathjax_path = "no-math.js"
suppress_warnings = ["mystnb.unknown_mime_type"]

# The student site (helpers/tools/build.py sets TRIANGLE_STUDENT_SITE=1): the same pages, every solution left out.
import os  # noqa: E402

if os.environ.get("TRIANGLE_STUDENT_SITE") == "1":
    hide_solutions = True
    html_title += " · student edition"
    html_theme_options["announcement"] = "Student edition: exercises without their solutions."


# Exercise labels beside their number ("Exercise 4 · ex-claims-rule (No code · 15 min)"): the seminar guide and the
# answer sheet assign exercises by label, and sphinx-exercise numbers them across the site.
from docutils import nodes as _nodes  # noqa: E402
from sphinx.transforms.post_transforms import SphinxPostTransform  # noqa: E402


class ShowExerciseLabels(SphinxPostTransform):
    default_priority = 25  # after sphinx-exercise has resolved the titles (priority 20)

    def run(self):
        from sphinx_exercise.nodes import exercise_enumerable_node

        for node in self.document.findall(exercise_enumerable_node):
            title, label = node.children[0], node.get("label", "")
            if not isinstance(title, _nodes.title) or not label or title.get("triangle_label"):
                continue
            title.insert(0, _nodes.literal(label, label, classes=["exercise-label"]))
            title.insert(0, _nodes.Text(" · "))
            title["triangle_label"] = True


def setup(app):
    app.add_post_transform(ShowExerciseLabels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
