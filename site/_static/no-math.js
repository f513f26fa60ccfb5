/* Intentionally empty: the site renders no equations, so no MathJax is loaded (see conf.py). */
