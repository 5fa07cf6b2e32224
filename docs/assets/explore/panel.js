// The "Try your own numbers" panel: the page's example as fields, recomputed on every change.
//
// Loaded by a panel's ontoggle handler the first time a reader opens one (gradcore/pages/explore.py
// writes the panel and its data). It loads the arithmetic (gradcore.js) and the number rule
// (numbers.js), the page's quantities (quantities.js) and the slider's chart (plot.js) from beside itself, builds the fields from the page's example, and on every valid
// change recomputes the forward pass, the loss, the deltas, the gradients, one step and the
// numerical check, fills the table and the page's own display TeX with the new numbers, and asks
// the site's MathJax (mathjax-config.js: window.gcTypeset, which owns the output choice) to draw it.
// Invalid input is named beside its field and changes nothing. The state travels in the query
// string (?try-NAME=...), never in the fragment, which the equations and the contents use.
(function (root) {
  "use strict";

  /** @typedef {number[][]} Matrix */
  /**
   * @typedef {object} Data  what explore.py embeds in data-gc-example
   * @property {string} name
   * @property {number} digits
   * @property {string[]} activations
   * @property {string} loss
   * @property {[string, number, number, number] | null} slider
   * @property {Array<Array<string | Slot>>} equations
   * @property {number} lr
   */
  /**
   * @typedef {object} Slot  one marker of a display: the quantity and how the page writes it
   * @property {string} q
   * @property {number[] | null} index
   * @property {string[]} flags
   * @property {number} digits
   * @property {boolean} exact
   */
  /** @typedef {Record<string, Matrix>} Values  X, y, W1.., b1.., lr (as 1 x 1) */

  var g = /** @type {any} */ (null);
  var n = /** @type {any} */ (null);
  var slotTex = /** @type {any} */ (null);
  var chart = /** @type {any} */ (null);
  var ERROR_DIGITS = 2;
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  var script = /** @type {HTMLScriptElement} */ (document.currentScript);
  var assets = script.src.replace(/panel\.js(?:[?#].*)?$/, "");

  /** @param {string} file @returns {Promise<void>} */
  function load(file) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = assets + file;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("could not load " + file)); };
      document.head.appendChild(s);
    });
  }

  var ready = Promise.all(["gradcore.js", "numbers.js", "quantities.js", "plot.js"].map(load)).then(function () {
    g = /** @type {any} */ (root).gradcore;
    n = /** @type {any} */ (root).gcNumbers;
    slotTex = /** @type {any} */ (root).gcQuantities.slotTex;
    chart = /** @type {any} */ (root).gcPlot.chart;
  });

  /** @param {HTMLElement} details */
  function open(details) {
    ready.then(function () {
      if (!details.dataset.gcReady) {
        details.dataset.gcReady = "1";
        new Panel(details);
      }
    }, function (error) {
      var body = details.querySelector(".gc-explore-body");
      if (body) {
        body.textContent = "The calculator could not be loaded: " + error.message;
      }
    });
  }

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {string} [text] @returns {HTMLElement} */
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, (attrs || {})[k]); });
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /** A symbol with a subscript, as HTML: sub("W", 1) is W<sub>1</sub>. @param {string} base @param {string | number} k */
  function sub(base, k) {
    return base + "<sub>" + k + "</sub>";
  }

  /** The fields of an example: [key, legend HTML] in the page's order. @param {Data} data @param {Values} values */
  function fieldKeys(data, values) {
    var keys = [["X", "X"], ["y", "y"]];
    for (var k = 1; values["W" + k]; k++) {
      keys.push(["W" + k, sub("W", k)]);
      if (values["b" + k]) {
        keys.push(["b" + k, sub("b", k)]);
      }
    }
    keys.push(["lr", "\u03b7 (learning rate)"]);
    return keys;
  }

  /** @param {Data} data @returns {Values} */
  function pageValues(data) {
    /** @type {Values} */
    var values = {};
    Object.keys(data).forEach(function (key) {
      if (/^(X|y|[Wb]\d+)$/.test(key)) {
        values[key] = /** @type {any} */ (data)[key];
      }
    });
    values.lr = [[data.lr]];
    return values;
  }

  /**
   * @constructor
   * @param {HTMLElement} details
   */
  function Panel(details) {
    /** @type {Data} */
    this.data = JSON.parse(details.dataset.gcExample || "{}");
    this.details = details;
    this.id = details.id;
    this.original = pageValues(this.data);
    this.keys = fieldKeys(this.data, this.original);
    /** @type {Record<string, HTMLInputElement[][]>} */
    this.inputs = {};
    /** @type {Record<string, HTMLElement>} */
    this.messages = {};
    this.typesetTimer = 0;
    this.status = el("p", { class: "gc-explore-status", role: "status", "aria-live": "polite" });
    this.table = el("table", { class: "gc-explore-table" });
    this.equations = el("div", { class: "gc-explore-equations" });
    this.figure = el("div", { class: "gc-explore-plot" });
    this.range = /** @type {HTMLInputElement} */ (el("input"));
    this.lo = -6;
    this.hi = 6;
    /** @type {any} */
    this.results = null;
    this.build();
    this.fill(this.shared() || this.original);
    this.update(false);
  }

  Panel.prototype.build = function () {
    var self = this;
    var body = /** @type {HTMLElement} */ (this.details.querySelector(".gc-explore-body"));
    body.textContent = "";
    body.appendChild(el("p", {}, "Change any number of the example; everything below is recomputed in your " +
      "browser, with arithmetic that the site's tests hold to gradcore's to 12 digits. The shapes stay the page's."));
    var fields = el("div", { class: "gc-explore-fields" });
    this.keys.forEach(function (pair) {
      fields.appendChild(self.field(pair[0], pair[1], self.original[pair[0]]));
    });
    body.appendChild(fields);
    if (this.data.slider) {
      body.appendChild(this.sliderBlock());
    }
    var reset = el("button", { type: "button", class: "gc-explore-reset" }, "Reset to the page\u2019s example");
    reset.addEventListener("click", function () {
      self.fill(self.original);
      self.update(true, true);
    });
    body.appendChild(el("p", {})).appendChild(reset);
    body.appendChild(this.status);
    var wrap = el("div", { class: "gc-explore-scroll" });
    wrap.appendChild(this.table);
    body.appendChild(wrap);
    if (this.data.equations.length) {
      body.appendChild(el("p", {}, "The page\u2019s equations with your numbers:"));
    }
    this.data.equations.forEach(function () {
      self.equations.appendChild(el("div", { class: "arithmatex gc-explore-eq" }));
    });
    body.appendChild(this.equations);
    body.addEventListener("input", function (event) {
      var target = /** @type {HTMLElement} */ (event.target);
      if (target.classList.contains("gc-explore-range")) {
        self.slide(/** @type {HTMLInputElement} */ (target).value);
      }
      self.update(true);
    });
  };

  /** One fieldset: a grid of inputs shaped like the matrix, and its message. @param {string} key @param {string} legend @param {Matrix} M */
  Panel.prototype.field = function (key, legend, M) {
    var self = this;
    var set = el("fieldset", { class: "gc-explore-field" });
    var caption = el("legend");
    caption.innerHTML = legend + (key === "lr" ? "" : " <span class=\"gc-explore-shape\">" + M.length + " \u00d7 " + M[0].length + "</span>");
    set.appendChild(caption);
    var message = el("p", { class: "gc-explore-message", id: this.id + "-" + key + "-message" });
    var grid = el("div", { class: "gc-explore-grid" });
    grid.style.setProperty("--gc-cols", String(M[0].length));
    var name = key === "lr" ? "learning rate" : key.replace(/^([Wb])(\d+)$/, "$1_$2");
    this.inputs[key] = M.map(function (row, i) {
      return row.map(function (_, j) {
        var label = key === "lr" ? "learning rate \u03b7" : name + ", row " + (i + 1) + ", column " + (j + 1);
        var input = /** @type {HTMLInputElement} */ (el("input", {
          type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false",
          "aria-label": label, "aria-describedby": message.id, "data-key": key,
        }));
        grid.appendChild(input);
        return input;
      });
    });
    set.appendChild(grid);
    set.appendChild(message);
    this.messages[key] = message;
    return set;
  };

  /** @param {Values} values */
  Panel.prototype.fill = function (values) {
    var self = this;
    this.keys.forEach(function (pair) {
      self.inputs[pair[0]].forEach(function (row, i) {
        row.forEach(function (input, j) { input.value = String(values[pair[0]][i][j]); });
      });
    });
  };

  /** The values a shared link carries (?try-NAME=X:1.5;y:1;W1:0.4;lr:1), or null. @returns {Values | null} */
  Panel.prototype.shared = function () {
    var text = new URLSearchParams(location.search).get("try-" + this.data.name);
    if (!text) {
      return null;
    }
    var self = this;
    /** @type {Values} */
    var values = {};
    var ok = text.split(";").every(function (part) {
      var pieces = part.split(":");
      var want = self.original[pieces[0]];
      var numbers = (pieces[1] || "").split(",").map(Number);
      if (!want || numbers.length !== want.length * want[0].length || !numbers.every(isFinite)) {
        return false;
      }
      values[pieces[0]] = want.map(function (row, i) { return row.map(function (_, j) { return numbers[i * row.length + j]; }); });
      return true;
    });
    return ok && this.keys.every(function (pair) { return values[pair[0]]; }) ? values : null;
  };

  /** Read every field; a message beside each bad one. @returns {Values | null} */
  Panel.prototype.read = function () {
    var self = this;
    /** @type {Values} */
    var values = {};
    var valid = true;
    this.keys.forEach(function (pair) {
      var key = pair[0];
      var problem = "";
      values[key] = self.inputs[key].map(function (row) {
        return row.map(function (input) {
          var text = input.value.trim().replace(/\u2212/g, "-");
          var value = Number(text);
          var bad = !NUMBER.test(text) ? "is not a number (write e.g. 0.5, -2 or 1e-3)" :
            !isFinite(value) ? "is not a finite number (at most about 1.8e308)" : "";
          input.setAttribute("aria-invalid", bad ? "true" : "false");
          if (bad && !problem) {
            problem = "\u201c" + input.value + "\u201d " + bad;
          }
          return value;
        });
      });
      if (!problem) {
        problem = self.limit(key, values[key]);
      }
      self.messages[key].textContent = problem;
      valid = valid && !problem;
    });
    return valid ? values : null;
  };

  /** What gradcore refuses of a valid number: a learning rate <= 0, targets the loss cannot take. @param {string} key @param {Matrix} M */
  Panel.prototype.limit = function (key, M) {
    if (key === "lr" && !(M[0][0] > 0)) {
      this.inputs.lr[0][0].setAttribute("aria-invalid", "true");
      return "the learning rate must be a positive number";
    }
    if (key === "y") {
      var problem = g.targetProblem(this.data.loss, M);
      if (problem) {
        this.inputs.y[problem[0] - 1][problem[1] - 1].setAttribute("aria-invalid", "true");
        return "y, row " + problem[0] + ", column " + problem[1] + ": " + problem[2];
      }
    }
    return "";
  };

  /** @param {Values} values */
  Panel.prototype.network = function (values) {
    /** @type {Matrix[]} */
    var weights = [];
    /** @type {Matrix[]} */
    var biases = [];
    for (var k = 1; values["W" + k]; k++) {
      weights.push(values["W" + k]);
      if (values["b" + k]) {
        biases.push(values["b" + k]);
      }
    }
    return { weights: weights, biases: biases.length ? biases : null, activations: this.data.activations, loss: this.data.loss };
  };

  /** Every result of the chain for these values, or a reason why there is none. @param {Values} values @returns {any} */
  Panel.prototype.compute = function (values) {
    var net = this.network(values);
    var fwd = g.forward(net, values.X);
    if (!fwd.preActivations.every(g.allFinite)) {
      return { problem: "these numbers make a pre-activation overflow; use smaller ones" };
    }
    var kink = g.kinkProblem(net, fwd);
    if (kink) {
      return { problem: kink + "; move it away from 0" };
    }
    var grads = g.backward(net, fwd, values.y);
    var loss = g.lossOf(net, fwd, values.y);
    var stepped = g.gradientStep(net, grads, values.lr[0][0]);
    if (!stepped) {
      return { problem: "the learning rate is so large that the weights overflowed; use a smaller one" };
    }
    var after = g.forward(stepped, values.X);
    var r = { values: values, net: net, fwd: fwd, grads: grads, loss: loss, stepped: stepped, after: after,
              stepLoss: g.lossOf(stepped, after, values.y), problem: "", check: 0 };
    var numeric = g.numericalGradients(net, values.X, values.y); // the check: backpropagation against central differences
    r.check = g.relativeError(grads.weights.concat(grads.biases || []), numeric.weights.concat(numeric.biases || []));
    var numbers = [[[loss]], [[r.stepLoss]], [[r.check]]].concat(grads.deltas, grads.weights, grads.biases || [],
      stepped.weights, stepped.biases || [], after.activations);
    if (!numbers.every(g.allFinite)) {
      return { problem: "these numbers overflow float64 somewhere in the chain; use smaller ones" };
    }
    return r;
  };

  /** Recompute and show; `share` writes the state into the query string. @param {boolean} share @param {boolean} [reset] */
  Panel.prototype.update = function (share, reset) {
    var values = this.read();
    if (!values) {
      this.status.textContent = "Nothing was recomputed: correct the number marked above.";
      return;
    }
    var r = this.compute(values);
    if (r.problem) {
      this.status.textContent = "Nothing was recomputed: " + r.problem + ".";
      return;
    }
    this.results = r;
    var prose = function (/** @type {number} */ v) { return n.formatNumber(v, 4, { math: false }); };
    this.status.textContent = "Loss L = " + prose(r.loss) + "; after one step with \u03b7 = " +
      n.formatNumber(values.lr[0][0], 4, { exact: true, math: false }) + ", L\u2032 = " + prose(r.stepLoss) + ".";
    this.showTable(r);
    this.showEquations(r);
    if (this.data.slider) {
      this.plot(r);
    }
    if (share) {
      this.share(values, !!reset);
    }
  };

  /** @param {Values} values @param {boolean} reset */
  Panel.prototype.share = function (values, reset) {
    var params = new URLSearchParams(location.search);
    var key = "try-" + this.data.name;
    if (reset) {
      params.delete(key);
    } else {
      params.set(key, this.keys.map(function (pair) {
        return pair[0] + ":" + [].concat.apply([], /** @type {any} */ (values[pair[0]])).map(String).join(",");
      }).join(";"));
    }
    var url = new URL(location.href);
    url.search = params.toString();
    history.replaceState(history.state, "", url.href);
  };

  /** @param {any} r */
  Panel.prototype.showTable = function (r) {
    var d = this.data.digits;
    var L = r.net.weights.length;
    /** @type {Array<[string, Matrix, number?]>} */
    var rows = [];
    var k;
    for (k = 1; k <= L; k++) {
      rows.push([sub("u", k), r.fwd.preActivations[k - 1]]);
      rows.push([k === L ? "\u0177 = " + sub("l", k) : sub("l", k), r.fwd.activations[k - 1]]);
    }
    rows.push(["L", [[r.loss]]]);
    for (k = L; k >= 1; k--) {
      rows.push(["\u0394" + sub("l", k), r.grads.deltas[k - 1]]);
    }
    for (k = 1; k <= L; k++) {
      rows.push(["\u2202L/\u2202" + sub("W", k), r.grads.weights[k - 1]]);
      if (r.grads.biases) {
        rows.push(["\u2202L/\u2202" + sub("b", k), r.grads.biases[k - 1]]);
      }
    }
    for (k = 1; k <= L; k++) {
      rows.push([sub("W", k) + "\u2032", r.stepped.weights[k - 1]]);
      if (r.stepped.biases) {
        rows.push([sub("b", k) + "\u2032", r.stepped.biases[k - 1]]);
      }
    }
    rows.push(["\u0177\u2032", r.after.yhat]);
    rows.push(["L\u2032", [[r.stepLoss]]]);
    rows.push(["largest relative error against central differences", [[r.check]], ERROR_DIGITS]);
    var table = this.table;
    table.textContent = "";
    var caption = el("caption", {}, "Your example, recomputed: forward pass, loss, deltas, gradients and one step (\u2032)");
    table.appendChild(caption);
    var tbody = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      var th = el("th", { scope: "row" });
      th.innerHTML = row[0];
      tr.appendChild(th);
      var td = el("td");
      var grid = el("span", { class: "gc-explore-matrix" });
      grid.style.setProperty("--gc-cols", String(row[1][0].length));
      n.proseMatrix(row[1], row[2] || d, false).forEach(function (/** @type {string[]} */ line) {
        line.forEach(function (entry) { grid.appendChild(el("span", {}, entry)); });
      });
      td.appendChild(grid);
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  };

  /** Fill the page's displays with the new numbers, and have them drawn once typing pauses. @param {any} r */
  Panel.prototype.showEquations = function (r) {
    var elements = Array.prototype.slice.call(this.equations.children);
    this.data.equations.forEach(function (pieces, i) {
      var tex = pieces.map(function (piece) { return typeof piece === "string" ? piece : slotTex(r, piece); }).join("");
      elements[i].dataset.tex = tex.trim();
    });
    clearTimeout(this.typesetTimer);
    this.typesetTimer = setTimeout(function () { afterPageScripts(function () { draw(elements); }); }, 200);
  };

  /** Draw the displays with the site's gcTypeset (mathjax-config.js), else leave their TeX to show.
   *  @param {HTMLElement[]} elements */
  function draw(elements) {
    var typeset = /** @type {any} */ (root).gcTypeset;
    if (typeset) {
      typeset(elements, function (/** @type {HTMLElement} */ e) { return "\\[" + e.dataset.tex + "\\]"; });
    } else {
      elements.forEach(function (e) { e.textContent = "\\[" + e.dataset.tex + "\\]"; });
    }
  }

  /** Run once the page's own scripts have run. A shared link opens the panel while the page is still
   *  being read, and this script can then run before mathjax-config.js, at the end of the body,
   *  has defined gcTypeset. @param {() => void} then */
  function afterPageScripts(then) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", then, { once: true });
    } else {
      then();
    }
  }

  // ---- The slider and its plots ----

  Panel.prototype.sliderBlock = function () {
    var s = /** @type {[string, number, number, number]} */ (this.data.slider);
    var value = this.original[s[0] + s[1]][s[2] - 1][s[3] - 1];
    var box = el("div", { class: "gc-explore-slider" });
    var id = this.id + "-range";
    var label = el("label", { for: id });
    label.innerHTML = "Slide " + sub(s[0], s[1]) + "<sup>" + s[2] + s[3] + "</sup> (row " + s[2] + ", column " + s[3] + ")";
    this.lo = Math.min(-6, Math.floor(value) - 1);
    this.hi = Math.max(6, Math.ceil(value) + 1);
    this.range = /** @type {HTMLInputElement} */ (el("input", { type: "range", id: id, class: "gc-explore-range",
      min: String(this.lo), max: String(this.hi), step: "0.01", value: String(value) }));
    box.appendChild(label);
    box.appendChild(this.range);
    box.appendChild(this.figure);
    box.appendChild(el("p", { class: "gc-explore-caption" }, "Above: the loss against this weight, and the gradient " +
      "against it, every other number held at yours. The dot is your example; the dashed line through it has the " +
      "slope of the gradient you computed."));
    return box;
  };

  /** The slider moved: write its value into its field. @param {string} text */
  Panel.prototype.slide = function (text) {
    var s = /** @type {[string, number, number, number]} */ (this.data.slider);
    this.inputs[s[0] + s[1]][s[2] - 1][s[3] - 1].value = text;
  };

  /** The loss and the gradient against the slider's parameter, the current point marked. @param {any} r */
  Panel.prototype.plot = function (r) {
    var s = /** @type {[string, number, number, number]} */ (this.data.slider);
    var key = s[0] + s[1];
    var current = r.values[key][s[2] - 1][s[3] - 1];
    var range = /** @type {HTMLInputElement} */ (this.range);
    if (document.activeElement !== range) {
      range.value = String(current);
    }
    var lo = Math.min(this.lo, current);
    var hi = Math.max(this.hi, current);
    var self = this;
    /** @param {number} w */
    function at(w) {
      var values = Object.assign({}, r.values);
      values[key] = values[key].map(function (/** @type {number[]} */ row) { return row.slice(); });
      values[key][s[2] - 1][s[3] - 1] = w;
      var net = self.network(values);
      var fwd = g.forward(net, values.X);
      var grads = g.backward(net, fwd, values.y);
      var grad = (s[0] === "W" ? grads.weights : grads.biases)[s[1] - 1][s[2] - 1][s[3] - 1];
      return [g.lossOf(net, fwd, values.y), grad];
    }
    var xs = [];
    for (var i = 0; i <= 120; i++) {
      xs.push(lo + (hi - lo) * i / 120);
    }
    var curve = xs.map(at);
    var here = at(current);
    var symbol = s[0] + s[1] + "[" + s[2] + "," + s[3] + "]";
    this.figure.textContent = "";
    this.figure.appendChild(chart(xs, curve.map(function (p) { return p[0]; }), current, here[0], here[1],
      "Loss L against " + symbol + "; the dot is your example and the line through it has the slope \u2202L/\u2202" + symbol, "L"));
    this.figure.appendChild(chart(xs, curve.map(function (p) { return p[1]; }), current, here[1], null,
      "The gradient \u2202L/\u2202" + symbol + " against " + symbol + "; the dot is your example", "\u2202L/\u2202w"));
  };

  root.gcExplore = { open: open };
  Array.prototype.forEach.call(document.querySelectorAll("details.gc-explore[open]"), open);
})(/** @type {any} */ (window));
