// What the keyboard and screen readers need that the built HTML cannot know in advance.
//
// A box scrolls sideways only when its equation, figure or table is wider
// than the column, which depends on the reader's screen: such a box becomes
// a Tab stop (so the arrow keys scroll it) and a named region ("equation (3),
// scrolls sideways"); a box that fits is left alone, so the keyboard meets no
// empty stops. Rechecked when the window changes size and on every page that
// Material's instant navigation swaps in.
//
// Material's search dialog has no name: it takes its search field's.

var GC_SCROLL_BOXES = ".md-typeset div.arithmatex, .md-typeset .gc-figure-frame, .md-typeset .md-typeset__scrollwrap";

function gcBoxName(box) {
  var what = "table";
  if (box.classList.contains("arithmatex")) {
    var tag = box.querySelector(".gc-tag");
    what = "equation" + (tag ? " " + tag.getAttribute("data-tag") : "");
  } else if (box.classList.contains("gc-figure-frame")) {
    what = "figure";
  }
  return what + ", scrolls sideways";
}

function gcMarkScrollBoxes() {
  Array.prototype.forEach.call(document.querySelectorAll(GC_SCROLL_BOXES), function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("data-gc-scrolls")) {
      box.setAttribute("data-gc-scrolls", "");
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", gcBoxName(box));
    } else if (!scrolls && box.hasAttribute("data-gc-scrolls")) {
      ["data-gc-scrolls", "tabindex", "role", "aria-label"].forEach(function (name) {
        box.removeAttribute(name);
      });
    }
  });
}

function gcNameSearch() {
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || "Search");
  }
}

function gcShowPage() {
  gcNameSearch();
  gcMarkScrollBoxes();
}

var gcResizePending = false;
window.addEventListener("resize", function () {
  if (!gcResizePending) {
    gcResizePending = true;
    requestAnimationFrame(function () {
      gcResizePending = false;
      gcMarkScrollBoxes();
    });
  }
});

// The first page now (this script runs at the end of the page), and each page instant navigation shows.
gcShowPage();
if (window.document$) {
  document$.subscribe(gcShowPage);
}
