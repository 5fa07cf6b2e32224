"""gradcore: every worked number of the "Gradients by hand" series, computed and checked when the site is built.

The package is laid out by stage, each importing only the stages before it:

* `gradcore.core`: the gradient module (numpy only): forward pass, loss, backpropagation, the three-way
  gradient check, training, and the closed-form formulas of each part;
* `gradcore.examples`: a page's example, from its YAML to its computed numbers and their JSON;
* `gradcore.markup`: the page syntax: markers, TeX formatting, where the math is;
* `gradcore.texcheck`, `gradcore.figures`, `gradcore.learner`: the formula checks, the figures, and the
  readers' scripts and notebooks;
* `gradcore.pages`: the page transform (`render_page`);
* `gradcore.engine`: the Markdown extension, the build, the math drawn by MathJax, the MkDocs and Zensical glue;
* `gradcore.cache`: the one disk cache, shared by the figures and the engine.

Importing this package imports nothing else, so a build whose pages all come from the cache never loads numpy.
"""
