// The slider's chart: a curve against one parameter, the reader's point marked and, given a slope,
// the tangent through it, as a small SVG drawn in the page's colours (site.css).
(function (root) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  /** @param {string} tag @param {Record<string, string | number>} attrs */
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }

  /**
   * A small line chart with the current point marked (and, given a slope, its tangent).
   * @param {number[]} xs @param {number[]} ys @param {number} x0 @param {number} y0 @param {number | null} slope
   * @param {string} description @param {string} name
   */
  function chart(xs, ys, x0, y0, slope, description, name) {
    var W = 320;
    var H = 130;
    var pad = 8;
    var finite = ys.concat([y0, 0]).filter(isFinite); // a point that overflowed is left out of the curve
    var ymin = Math.min.apply(null, finite);
    var ymax = Math.max.apply(null, finite);
    if (ymax - ymin < 1e-12) {
      ymax = ymin + 1;
    }
    /** @param {number} x */
    function px(x) { return pad + (x - xs[0]) / (xs[xs.length - 1] - xs[0]) * (W - 2 * pad); }
    /** @param {number} y */
    function py(y) { return H - pad - (y - ymin) / (ymax - ymin) * (H - 2 * pad); }
    var root2 = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": description, class: "gc-explore-chart" });
    root2.appendChild(svg("line", { x1: pad, x2: W - pad, y1: py(0), y2: py(0), class: "gc-explore-axis" }));
    if (xs[0] < 0 && xs[xs.length - 1] > 0) {
      root2.appendChild(svg("line", { x1: px(0), x2: px(0), y1: pad, y2: H - pad, class: "gc-explore-axis" }));
    }
    var d = xs.map(function (x, i) {
      return isFinite(ys[i]) ? (i && isFinite(ys[i - 1]) ? "L" : "M") + px(x).toFixed(1) + " " + py(ys[i]).toFixed(1) : "";
    }).join("");
    root2.appendChild(svg("path", { d: d, class: "gc-explore-curve" }));
    if (slope !== null && isFinite(slope)) {
      var span = (xs[xs.length - 1] - xs[0]) / 6;
      root2.appendChild(svg("line", { x1: px(x0 - span), y1: py(y0 - slope * span), x2: px(x0 + span), y2: py(y0 + slope * span),
        class: "gc-explore-tangent" }));
    }
    root2.appendChild(svg("circle", { cx: px(x0), cy: py(y0), r: 4, class: "gc-explore-point" }));
    var label = svg("text", { x: W - pad, y: pad + 10, "text-anchor": "end", class: "gc-explore-label" });
    label.textContent = name;
    root2.appendChild(label);
    return root2;
  }

  root.gcPlot = { chart: chart };
})(/** @type {any} */ (window));
