// What the keyboard and screen readers need that the built HTML cannot know in advance.
//
// A box scrolls sideways only when its equation, figure or table is wider
// than the column, which depends on the reader's screen: such a box becomes
// a Tab stop (so the arrow keys scroll it) and a named region ("equation (3),
// scrolls sideways", "figure 2 of 3, scrolls sideways"); a box that fits is left alone, so the keyboard meets no
// empty stops. Rechecked when the window changes size and on every page that
// Material's instant navigation swaps in.
//
// Material's search dialog has no name: it takes its search field's.

var GC_SCROLL_BOXES = ".md-typeset div.arithmatex, .md-typeset .gc-figure-frame, .md-typeset .md-typeset__scrollwrap";

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

function gcMarkScrollBoxes() {
  var boxes = Array.prototype.slice.call(document.querySelectorAll(GC_SCROLL_BOXES));
  boxes.forEach(function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
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
