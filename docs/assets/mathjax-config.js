// MathJax settings for arithmatex's generic output, with AMS equation numbers.
//
// The site ships only tex-svg.js (see MATHJAX_FILES in gradcore/site.py). It
// holds the TeX input with its common packages, the SVG output, the context
// menu and the assistive MathML, so our pages load no other MathJax file.
// A TeX macro from a package that is not in it (e.g. \boldsymbol, \cancel)
// would make MathJax fetch that package from assets/mathjax/; the browser
// tests report such a request, and the package then goes into MATHJAX_FILES.
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
      disableMenuDownloads();
      var start = performance.now();
      return MathJax.startup.defaultPageReady().then(function () {
        markTypeset(start);
      }, markFailed);
    },
  },
};

// Tests and readers can tell when the math on the page is finished: how long
// typesetting took and when it ended (milliseconds since the page started
// loading), in data-mathjax-ms and data-mathjax-at.
function markTypeset(start) {
  document.body.dataset.mathjaxMs = Math.round(performance.now() - start);
  document.body.dataset.mathjaxAt = Math.round(performance.now());
  document.body.dataset.mathjax = "typeset";
}

// MathJax gives up on the whole page when, for instance, a package it needs
// cannot be loaded: say so, on the page and in the console.
function markFailed(error) {
  document.body.dataset.mathjaxError = String(error && error.message ? error.message : error);
  document.body.dataset.mathjax = "failed";
  console.error("MathJax could not typeset this page: " + document.body.dataset.mathjaxError);
}

// The context menu can switch to the CHTML renderer or turn on the explorer;
// both would download MathJax files the site does not ship, so those
// entries are greyed out (MathJax does the same when it has no loader).
function disableMenuDownloads() {
  var menu = MathJax.startup.document.menu;
  if (!menu || !menu.menu) {
    return;
  }
  var entries = [["Settings", "Renderer", "CHTML"], ["Accessibility", "Activate"],
                 ["Accessibility", "AutoCollapse"], ["Accessibility", "Collapsible"]];
  entries.forEach(function (path) {
    var item = menu.menu.findID.apply(menu.menu, path);
    if (item) {
      item.disable();
    }
  });
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
  var start = performance.now();
  MathJax.startup.promise = MathJax.startup.promise.then(function () {
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  }).then(function () {
    markTypeset(start);
  }, markFailed);
});
