// MathJax settings for arithmatex's generic output, with AMS equation numbers.
//
// Under MkDocs and ProperDocs every page's math is drawn as SVG when the
// site is built (gradcore/engine/mathsvg.py, with these same TeX settings in
// gradcore/engine/mathjax_v8.py): such a page loads no MathJax at all. Only a page
// that still holds TeX (an engine without the hook, such as Zensical) loads
// tex-svg.js, from beside this file, when it is shown.
//
// The site ships tex-svg.js and ui/lazy.js (see MATHJAX_FILES in
// gradcore/engine/site.py). tex-svg.js holds the TeX input with its common packages,
// the SVG output, the context menu and the assistive MathML; ui/lazy.js, which
// MathJax's loader fetches beside it, typesets the math in view first.
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
    // As when the site is built: a macro MathJax does not know is an error, not red text.
    packages: { "[-]": ["noundefined"] },
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  svg: { fontCache: "global" },
  loader: { load: ["ui/lazy"] },
  startup: {
    pageReady() {
      disableMenuDownloads();
      var start = performance.now();
      return MathJax.startup.defaultPageReady().then(firstScreenDrawn).then(typesetTheRest).then(function () {
        markTypeset(start);
      }, markFailed);
    },
  },
};

// Lazy typesetting (MathJax's ui/lazy) draws first the math that is in view,
// so the first screen is readable long before the whole page is typeset. It
// observes the page and draws what it sees in an idle callback; queued behind
// that callback, this one runs once the first screen is drawn.
function firstScreenDrawn() {
  return new Promise(function (resolve) {
    requestAnimationFrame(function () {
      setTimeout(function () {
        idle(function () {
          MathJax.startup.document.lazyPromise.then(resolve);
        });
      }, 0);
    });
  });
}

// Then the rest of the page, a few formulas per idle moment, so the page
// keeps responding to the reader meanwhile; search in the page, links to
// equations and the equation numbers then find every formula. The batches go
// through lazy typesetting's own queue (lazySet, lazyHandleSet: MathJax 3.2,
// pinned in pyproject.toml); MathJax's public lazyTypesetAll, made for
// printing, draws whatever is left, and everything at once if that queue is
// not there.
var REST_BATCH = 12;

function typesetTheRest() {
  var doc = MathJax.startup.document;
  var waiting = Array.from(doc.math).filter(function (item) {
    return item.lazyTypeset && item.lazyMarker;
  });
  function nextBatch() {
    var batch = waiting.splice(0, REST_BATCH);
    if (!batch.length || !doc.lazySet || !doc.lazyHandleSet) {
      return doc.lazyTypesetAll();
    }
    batch.forEach(function (item) {
      doc.lazySet.add(item.lazyMarker.getAttribute("data-mjx-lazy"));
    });
    doc.lazyHandleSet();
    return doc.lazyPromise.then(function () {
      return new Promise(idle);
    }).then(nextBatch);
  }
  return new Promise(idle).then(nextBatch);
}

// When the page is idle, or after half a second at the latest.
function idle(callback) {
  return window.requestIdleCallback ? window.requestIdleCallback(callback, { timeout: 500 }) : setTimeout(callback, 10);
}

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

// Where tex-svg.js is: beside this file's folder, as the site is laid out.
var gcMathJaxSource = document.currentScript.src.replace(/mathjax-config\.js(?:[?#].*)?$/, "mathjax/tex-svg.js");

// True when some math of the page is still TeX (not drawn when the site was built).
function texLeft() {
  return Array.prototype.some.call(document.querySelectorAll(".arithmatex"), function (element) {
    return !element.querySelector("mjx-container");
  });
}

// Load MathJax once; when it has loaded, its pageReady above typesets the page shown then.
function loadMathJax() {
  if (document.getElementById("gc-mathjax")) {
    return;
  }
  document.body.dataset.mathjax = "pending";
  var script = document.createElement("script");
  script.id = "gc-mathjax";
  script.src = gcMathJaxSource;
  script.async = true;
  document.head.appendChild(script);
}

// On every page shown, the first and, where a site turns on Material's instant
// navigation, each one it swaps in without reloading: nothing to do when its math is drawn already;
// else load MathJax, or, when it is there, reset equation numbers and
// labels and typeset the new content. The first page is handled as soon as
// this script runs (at the end of the page); the theme's document$ then
// announces it once more (not from disk, where every link loads a page).
var gcFirstPage = true;
showPage();
document$.subscribe(function () {
  if (gcFirstPage) {
    gcFirstPage = false;
    return;
  }
  showPage();
});

function showPage() {
  if (!texLeft()) {
    markTypeset(performance.now());
    return;
  }
  if (!window.MathJax.startup || !MathJax.startup.promise) {
    loadMathJax();
    return;
  }
  document.body.dataset.mathjax = "pending";
  var start = performance.now();
  MathJax.startup.promise = MathJax.startup.promise.then(function () {
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  }).then(firstScreenDrawn).then(typesetTheRest).then(function () {
    markTypeset(start);
  }, markFailed);
}

// The "Try your own numbers" panel (assets/explore/panel.js) has its equations drawn here, so that
// how the site draws math is chosen in this one file. MathJax is loaded on the panel's first call
// (a page whose math was drawn when the site was built has none until then). texOf(element) is
// the delimited TeX an element is to show; each is drawn at once, not when scrolled into view, and
// then holds the TeX it shows in data-drawn.
window.gcTypeset = function (elements, texOf) {
  var drawing = [];
  return mathJaxReady().then(function () {
    MathJax.startup.promise = MathJax.startup.promise.then(function () {
      MathJax.typesetClear(elements);
      drawing = elements.map(function (element) {
        element.textContent = texOf(element);
        return element.textContent;
      });
      MathJax.texReset();
      return MathJax.typesetPromise(elements);
    }).then(function () {
      var doc = MathJax.startup.document;
      return doc.lazyTypesetAll ? doc.lazyTypesetAll() : null;
    }).then(function () {
      elements.forEach(function (element, i) {
        element.dataset.drawn = drawing[i];
      });
    }, markFailed);
    return MathJax.startup.promise;
  });
};

// MathJax loaded and started: at once when it is there, else once its script has run.
function mathJaxReady() {
  if (window.MathJax.startup && MathJax.startup.promise) {
    return MathJax.startup.promise;
  }
  loadMathJax();
  var script = document.getElementById("gc-mathjax");
  return new Promise(function (resolve, reject) {
    script.addEventListener("load", resolve);
    script.addEventListener("error", function () {
      reject(new Error("could not load " + gcMathJaxSource));
    });
  }).then(function () {
    return MathJax.startup.promise;
  });
}
