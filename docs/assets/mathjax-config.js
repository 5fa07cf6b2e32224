// MathJax settings for arithmatex's generic output, with AMS equation numbers.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    tags: "ams",
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  svg: { fontCache: "global" },
  startup: {
    pageReady() {
      return MathJax.startup.defaultPageReady().then(markTypeset);
    },
  },
};

// Tests and readers can tell when the math on the page is finished.
function markTypeset() {
  document.body.dataset.mathjax = "typeset";
}

// Material's instant navigation swaps the page without reloading it: reset
// equation numbers and labels, then typeset the new content. The first
// emission is the page MathJax typesets by itself when it loads.
var gcFirstPage = true;
document$.subscribe(function () {
  if (gcFirstPage) {
    gcFirstPage = false;
    return;
  }
  document.body.dataset.mathjax = "pending";
  MathJax.startup.promise = MathJax.startup.promise.then(function () {
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  }).then(markTypeset);
});
