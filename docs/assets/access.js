// What the keyboard and screen readers need that the built HTML cannot know in advance.
//
// A box scrolls sideways only when its equation, figure or table is wider
// than the column, which depends on the reader's screen: such a box becomes
// a Tab stop (so the arrow keys scroll it) and a named region ("equation (3),
// scrolls sideways", "figure 2 of 3, scrolls sideways"); a box that fits is left alone, so the keyboard meets no
// empty stops. A ResizeObserver tells when a box's size is known or changes,
// so its width is read after the browser's own layout, never forcing one; and
// the marks are written a few boxes per frame, because giving an element a
// role makes the browser restyle everything inside it (one of the theme's
// rules starts with [role=dialog]). A box is reported afresh when the
// <details> around it opens and when a script draws new math into it. When
// every box is marked, the body carries data-gc-boxes="marked".
//
// Material's search dialog has no name: it takes its search field's.

var GC_SCROLL_BOXES = ".md-typeset div.arithmatex, .md-typeset .gc-figure-frame, .md-typeset .md-typeset__scrollwrap";
var GC_BOXES_PER_FRAME = 4;
// A name of its own for each box (landmarks with one name cannot be told apart): a numbered equation
// by its number, anything else by its place among the page's boxes of its kind.
function gcBoxName(box, boxes) {
  var kind = box.classList.contains("arithmatex") ? "equation"
    : box.classList.contains("gc-figure-frame") ? "figure" : "table";
  var tag = kind === "equation" ? box.querySelector(".gc-tag") : null;
  if (tag) {
    return "equation " + tag.getAttribute("data-tag") + ", scrolls sideways";
  }
  var same = boxes.filter(function (other) {
    return other.matches(kind === "equation" ? "div.arithmatex" : kind === "figure" ? ".gc-figure-frame"
                                                                                    : ".md-typeset__scrollwrap");
  });
  return kind + " " + (same.indexOf(box) + 1) + " of " + same.length + ", scrolls sideways";
}

var gcToMark = new Map();  // box -> whether it scrolls, waiting to be written
var gcFramePending = false;

function gcMark(box, scrolls, boxes) {
  if (scrolls && !box.hasAttribute("data-gc-scrolls")) {
    box.setAttribute("data-gc-scrolls", "");
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", gcBoxName(box, boxes));
  } else if (!scrolls && box.hasAttribute("data-gc-scrolls")) {
    ["data-gc-scrolls", "tabindex", "role", "aria-label"].forEach(function (name) {
      box.removeAttribute(name);
    });
  }
}

function gcMarkSome() {
  gcFramePending = false;
  var boxes = Array.prototype.slice.call(document.querySelectorAll(GC_SCROLL_BOXES));
  var written = 0;
  gcToMark.forEach(function (scrolls, box) {
    if (written < GC_BOXES_PER_FRAME) {
      gcToMark.delete(box);
      if (scrolls !== box.hasAttribute("data-gc-scrolls")) {
        gcMark(box, scrolls, boxes);
        written += 1;
      }
    }
  });
  if (gcToMark.size) {
    gcFramePending = true;
    requestAnimationFrame(gcMarkSome);
  } else {
    document.body.dataset.gcBoxes = "marked";
  }
}

function gcScrolls(box) {
  return box.getClientRects().length > 0 && box.scrollWidth > box.clientWidth + 1;
}

function gcQueue(boxes) {
  boxes.forEach(function (box) {
    gcToMark.set(box, gcScrolls(box));
  });
  document.body.dataset.gcBoxes = "marking";
  if (!gcFramePending) {
    gcFramePending = true;
    requestAnimationFrame(gcMarkSome);
  }
}

var gcBoxSizes = new ResizeObserver(function (entries) {
  gcQueue(entries.map(function (entry) { return entry.target; }));
});

// Observing a box again makes the observer report it afresh. That is needed
// when a closed <details> opens (a box inside one has no layout of its own,
// so what was reported for it is stale) and when a script draws new math
// into the page (the reader's panel in an "Explore" box): the box keeps its
// size while what it holds grows.
function gcObserveAgain(boxes) {
  boxes.forEach(function (box) {
    gcBoxSizes.unobserve(box);
    gcBoxSizes.observe(box);
  });
}

// "toggle" does not bubble, so it is caught on its way down.
document.addEventListener("toggle", function (event) {
  var details = event.target;
  if (details instanceof HTMLDetailsElement && details.open) {
    gcObserveAgain(details.querySelectorAll(GC_SCROLL_BOXES));
  }
}, true);

var gcNewMath = new MutationObserver(function (records) {
  var boxes = new Set();
  records.forEach(function (record) {
    record.addedNodes.forEach(function (node) {
      if (node instanceof Element) {
        var around = node.closest(GC_SCROLL_BOXES);
        if (around) {
          boxes.add(around);
        }
        node.querySelectorAll(GC_SCROLL_BOXES).forEach(function (box) { boxes.add(box); });
      }
    });
  });
  gcObserveAgain(boxes);
});

function gcNameSearch() {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || "Search");
  }
}

function gcShowPage() {
  gcNameSearch();
  gcNewMath.observe(document.querySelector(".md-content") || document.body, {childList: true, subtree: true});
  var boxes = document.querySelectorAll(GC_SCROLL_BOXES);
  boxes.forEach(function (box) {
    gcBoxSizes.observe(box);
  });
  if (!boxes.length) {
    document.body.dataset.gcBoxes = "marked";
  }
}

// The page now (this script runs at the end of it), and each page instant navigation shows, where a site
// turns that feature on.
gcShowPage();
if (window.document$) {
  document$.subscribe(gcShowPage);
}
