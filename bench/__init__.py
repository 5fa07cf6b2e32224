"""A rerunnable benchmark of the site's build, and the budget it is held to (issue 7).

`python -m bench` builds the real site and synthetic sites of
growing size with the gradcore hook and without gradcore, side by side, cold
(fresh process) and warm (again in the same process, as `mkdocs serve`
does); times an edit under `mkdocs serve`; reads peak memory; and, where a
browser is available, times MathJax on the largest page. It prints Markdown
tables and writes every repetition to JSON.

The modules: `project` (configs inheriting the project's mkdocs.yml),
`baseline` and `capture_hook` (the same site without gradcore, from
pre-expanded pages), `synthetic` (generated sites), `builds`, `rss` and
`worker` (cold and warm builds), `breakdown` (the hook's cold work phase by
phase), `counters` (what the caches did), `measure` (one site, both ways),
`serve`, `browser`, `stats`, `budget`, `formats`, `report` and
`scale_table` (the output) and `suite` (the run as a whole). Importing this
package imports neither MkDocs nor a browser.
"""
