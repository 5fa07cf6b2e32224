// The site's number rule in the reader's browser: gradcore/markup/latex.py, function by function.
//
// A given number is written as its shortest round-trip decimal; a computed one at the page's
// significant digits; plain decimals for magnitudes in [1e-4, 1e5), scientific notation otherwise,
// one notation for a whole matrix, decimal points lined up with \phantom; a true minus sign in
// prose, no negative zero. tests/test_explore_panel.py compares what this writes with latex.py.
(function (root) {
  "use strict";

  var SMALLEST_FIXED = 1e-4;
  var LARGEST_FIXED = 1e5;
  var UNICODE_MINUS = "\u2212";
  /** @type {Record<string, string>} */
  var SUPERSCRIPTS = { "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
                       "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079" };

  /**
   * One number split where a column lines its entries up.
   * @typedef {object} Parts
   * @property {boolean} negative
   * @property {string} whole  the digits before the decimal point
   * @property {string} fraction  the digits after it ("" when there is no point)
   * @property {string | null} exponent  the power of ten, null in plain notation
   */

  /** The shortest round-trip digits of |value| and its decimal exponent, as Python's repr finds them. @param {number} value */
  function shortest(value) {
    var text = Math.abs(value).toExponential().split("e");
    return { digits: text[0].replace(".", ""), exponent: parseInt(text[1], 10) };
  }

  // Python rounds the exact binary value half to even; JavaScript's toFixed and toExponential round
  // a tie up. So the rounding is done here, on the exact decimal expansion of the float.

  /** |value| exactly, as integer digits D and a scale: |value| = D x 10^(-scale). @param {number} value */
  function exact(value) {
    var view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(value));
    var bits = view.getBigUint64(0);
    var biased = Number((bits >> BigInt(52)) & BigInt(0x7ff));
    var fraction = bits & ((BigInt(1) << BigInt(52)) - BigInt(1));
    var mantissa = biased ? fraction | (BigInt(1) << BigInt(52)) : fraction;
    var power = (biased || 1) - 1075;
    if (power >= 0) {
      return { D: mantissa << BigInt(power), scale: 0 };
    }
    return { D: mantissa * BigInt(5) ** BigInt(-power), scale: -power }; // m / 2^p = m 5^p / 10^p
  }

  /** |value| rounded half to even at 10^(-places) (places may be negative), as an integer count of those units. @param {number} value @param {number} places */
  function roundAt(value, places) {
    var x = exact(value);
    var cut = x.scale - places;
    if (cut <= 0) {
      return x.D * BigInt(10) ** BigInt(-cut);
    }
    var unit = BigInt(10) ** BigInt(cut);
    var kept = x.D / unit;
    var twice = (x.D % unit) * BigInt(2);
    if (twice > unit || (twice === unit && kept % BigInt(2) === BigInt(1))) {
      kept += BigInt(1);
    }
    return kept;
  }

  /** f"{abs(value):.{places}f}": |value| with `places` decimals, rounded half to even. @param {number} value @param {number} places */
  function toFixed(value, places) {
    var digits = roundAt(value, places).toString();
    if (places === 0) {
      return digits;
    }
    digits = digits.padStart(places + 1, "0");
    return digits.slice(0, digits.length - places) + "." + digits.slice(digits.length - places);
  }

  /** f"{abs(value):.{digits - 1}e}" split into mantissa and exponent, rounded half to even. @param {number} value @param {number} digits */
  function roundedExponent(value, digits) {
    var x = exact(value);
    var exponent = x.D.toString().length - 1 - x.scale; // of the leading digit, before rounding
    var kept = roundAt(value, digits - 1 - exponent).toString();
    if (kept.length > digits) { // 9.99.. rounded up to 10.0..
      exponent += 1;
      kept = kept.slice(0, digits);
    }
    return { mantissa: kept.length > 1 ? kept[0] + "." + kept.slice(1) : kept, exponent: exponent };
  }

  /** @param {number} value @param {number} digits @param {boolean} exact */
  function needsScientific(value, digits, exact) {
    if (value === 0) {
      return false;
    }
    var exponent = exact ? shortest(value).exponent : roundedExponent(value, digits).exponent;
    if (exact) {
      return exponent < -4 || exponent >= 16; // where repr() writes an exponent
    }
    var power = Math.pow(10, exponent);
    return !(SMALLEST_FIXED <= power && power < LARGEST_FIXED);
  }

  /** @param {string} text @param {boolean} negative @param {string | null} exponent @returns {Parts} */
  function split(text, negative, exponent) {
    var point = text.indexOf(".");
    return { negative: negative, whole: point < 0 ? text : text.slice(0, point),
             fraction: point < 0 ? "" : text.slice(point + 1), exponent: exponent };
  }

  /** The shortest digits written out without an exponent (numpy's format_float_positional). @param {number} value */
  function positional(value) {
    var s = shortest(value);
    var digits = s.digits.replace(/0+$/, "") || "0";
    var point = s.exponent + 1; // digits before the point
    if (point <= 0) {
      return "0." + "0".repeat(-point) + digits;
    }
    if (point >= digits.length) {
      return digits + "0".repeat(point - digits.length);
    }
    return digits.slice(0, point) + "." + digits.slice(point);
  }

  /** @param {number} value @param {number} digits @param {boolean} exact @param {boolean} scientific @returns {Parts} */
  function parts(value, digits, exact, scientific) {
    var negative = value < 0;
    if (value === 0) {
      return { negative: false, whole: "0", fraction: "", exponent: null };
    }
    if (exact && scientific) {
      var s = shortest(value);
      var mantissa = s.digits.replace(/0+$/, "") || "0";
      return split(mantissa.length > 1 ? mantissa[0] + "." + mantissa.slice(1) : mantissa, negative, String(s.exponent));
    }
    if (exact) {
      return split(positional(value), negative, null);
    }
    var rounded = roundedExponent(value, digits);
    if (scientific) {
      return split(rounded.mantissa, negative, String(rounded.exponent));
    }
    return split(toFixed(value, Math.max(digits - 1 - rounded.exponent, 0)), negative, null);
  }

  /** Every value in one notation: scientific for all when any of them needs it. @param {number[]} values @param {number} digits @param {boolean} exact */
  function columnParts(values, digits, exact) {
    var scientific = values.some(function (v) { return needsScientific(v, digits, exact); });
    return values.map(function (v) { return parts(v, digits, exact, scientific); });
  }

  /** @param {Parts[]} list @returns {Parts} */
  function widest(list) {
    /** @param {string[]} texts */
    function longest(texts) {
      return texts.reduce(function (a, b) { return b.length > a.length ? b : a; }, texts[0]);
    }
    var exponents = list.map(function (p) { return p.exponent; }).filter(function (e) { return e !== null; });
    return { negative: list.some(function (p) { return p.negative; }),
             whole: longest(list.map(function (p) { return p.whole; })),
             fraction: longest(list.map(function (p) { return p.fraction; })),
             exponent: exponents.length ? longest(/** @type {string[]} */ (exponents)) : null };
  }

  /** LaTeX for one number; pad holds the widest parts of its column, made up with \phantom. @param {Parts} p @param {Parts | null} pad */
  function mathText(p, pad) {
    var lead = "";
    var tail = "";
    var missing;
    if (pad) {
      missing = (pad.negative && !p.negative ? "-" : "") + "0".repeat(pad.whole.length - p.whole.length);
      lead = missing ? "\\phantom{" + missing + "}" : "";
    }
    var body = (p.negative ? "-" : "") + p.whole + (p.fraction ? "." + p.fraction : "");
    if (pad) {
      missing = (pad.fraction && !p.fraction ? "." : "") + "0".repeat(pad.fraction.length - p.fraction.length);
      tail = missing ? "\\phantom{" + missing + "}" : "";
    }
    if (p.exponent !== null) {
      var width = pad && pad.exponent ? pad.exponent.length - p.exponent.length : 0;
      var exponent = p.exponent + (width > 0 ? "\\phantom{" + "0".repeat(width) + "}" : "");
      return lead + body + tail + " \\times 10^{" + exponent + "}";
    }
    if (pad && pad.exponent !== null) { // a zero in a scientific column
      tail += "\\phantom{{} \\times 10^{" + pad.exponent + "}}";
    }
    return lead + body + tail;
  }

  /** Unicode text for one number, as prose shows it. @param {Parts} p */
  function proseText(p) {
    var body = (p.negative ? UNICODE_MINUS : "") + p.whole + (p.fraction ? "." + p.fraction : "");
    if (p.exponent !== null) {
      body += "\u202f\u00d7\u202f10" + p.exponent.split("").map(function (c) { return SUPERSCRIPTS[c]; }).join("");
    }
    return body;
  }

  /**
   * One number the way every page shows numbers (latex.py's format_number).
   * @param {number} value @param {number} digits
   * @param {{exact?: boolean, math?: boolean, paren?: boolean}} [options]
   */
  function formatNumber(value, digits, options) {
    var o = options || {};
    var p = columnParts([value], digits, !!o.exact)[0];
    var text = o.math === false ? proseText(p) : mathText(p, null);
    return p.negative && o.paren ? "(" + text + ")" : text;
  }

  /**
   * A matrix as a LaTeX bmatrix, optionally with its shape below (latex.py's format_matrix).
   * @param {number[][]} M @param {number} digits @param {{exact?: boolean, shape?: boolean}} [options]
   */
  function formatMatrix(M, digits, options) {
    var o = options || {};
    var cols = M[0].length;
    var all = columnParts([].concat.apply([], /** @type {any} */ (M)), digits, !!o.exact);
    var grid = M.map(function (_, r) { return all.slice(r * cols, (r + 1) * cols); });
    var pads = M[0].map(function (_, c) { return widest(grid.map(function (row) { return row[c]; })); });
    var rows = grid.map(function (row) {
      return row.map(function (p, c) { return mathText(p, pads[c]); }).join(" & ");
    });
    var body = "\\begin{bmatrix} " + rows.join(" \\\\ ") + " \\end{bmatrix}";
    if (o.shape !== false) {
      body += "_{" + M.length + " \\times " + cols + "}";
    }
    return body;
  }

  /** A matrix as prose text, one array of strings per row, in one notation. @param {number[][]} M @param {number} digits @param {boolean} exact */
  function proseMatrix(M, digits, exact) {
    var cols = M[0].length;
    var all = columnParts([].concat.apply([], /** @type {any} */ (M)), digits, exact).map(proseText);
    return M.map(function (_, r) { return all.slice(r * cols, (r + 1) * cols); });
  }

  root.gcNumbers = { formatNumber: formatNumber, formatMatrix: formatMatrix, proseMatrix: proseMatrix };
})(/** @type {any} */ (window));
