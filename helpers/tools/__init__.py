"""The tools room: the build, site pages, student editions and codebook writer. May import every other room;
nothing imports it but `python -m helpers`."""
