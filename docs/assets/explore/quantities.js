// The page's quantities in the reader's browser: gradcore/examples/quantities.py's names, and one
// marker's TeX as gradcore/pages/values.py writes it in math, for the panel's re-typeset displays.
(function (root) {
  "use strict";

  /** @typedef {number[][]} Matrix */
  /**
   * @typedef {object} Slot  one marker of a display: the quantity and how the page writes it
   * @property {string} q
   * @property {number[] | null} index
   * @property {string[]} flags
   * @property {number} digits
   * @property {boolean} exact
   */

  /** The value of a page quantity, as gradcore/examples/quantities.py names it. @param {any} r @param {string} name @returns {Matrix | null} */
  function quantity(r, name) {
    var g = /** @type {any} */ (root).gradcore;
    var v = r.values;
    var simple = /** @type {Record<string, () => Matrix>} */ ({
      X: function () { return v.X; }, y: function () { return v.y; }, lr: function () { return v.lr; },
      yhat: function () { return r.fwd.yhat; }, loss: function () { return [[r.loss]]; },
      "step.yhat": function () { return r.after.yhat; }, "step.loss": function () { return [[r.stepLoss]]; },
    });
    if (simple[name]) {
      return simple[name]();
    }
    var term = /^term(\d+)\.(dW|db|delta)(\d+)$/.exec(name);
    if (term) { // example j's share of the gradient: backpropagation on its row alone
      var j = Number(term[1]);
      if (j < 1 || j > v.X.length) {
        return null;
      }
      var X = [v.X[j - 1]];
      var one = g.backward(r.net, g.forward(r.net, X), [v.y[j - 1]]);
      var part = term[2] === "dW" ? one.weights : term[2] === "db" ? one.biases : one.deltas;
      return part ? part[Number(term[3]) - 1] || null : null;
    }
    var m = /^(step\.)?(W|b|u|l|delta|dW|db|dl|ds)(\d+)$/.exec(name);
    if (!m) {
      return null;
    }
    var k = Number(m[3]);
    var L = r.net.weights.length;
    if (m[1]) {
      return (m[2] === "W" ? r.stepped.weights : r.stepped.biases || [])[k - 1] || null;
    }
    if (m[2] === "l" && k === 0) {
      return v.X;
    }
    if (k < 1 || k > L) {
      return null;
    }
    switch (m[2]) {
      case "W": return r.net.weights[k - 1];
      case "b": return r.net.biases ? r.net.biases[k - 1] : null;
      case "u": return r.fwd.preActivations[k - 1];
      case "l": return r.fwd.activations[k - 1];
      case "delta": return r.grads.deltas[k - 1];
      case "dW": return r.grads.weights[k - 1];
      case "db": return r.grads.biases ? r.grads.biases[k - 1] : null;
      case "dl": // dL/dl_k: yhat - y at the output, else Delta l_(k+1) . W_(k+1)^T
        return k === L ? g.outputGradient(r.net, r.fwd, v.y) : g.matmul(r.grads.deltas[k], g.transpose(r.net.weights[k]));
      default: // ds: f_k'(u_k); for the sigmoid written l_k (1 - l_k), as the pages do
        var activation = r.net.activations[k - 1];
        var l = r.fwd.activations[k - 1];
        if (activation === "sigmoid") {
          return l.map(function (/** @type {number[]} */ row) { return row.map(function (x) { return x * (1 - x); }); });
        }
        var prime = g.ACTIVATIONS[activation].prime;
        return prime ? r.fwd.preActivations[k - 1].map(function (/** @type {number[]} */ row) { return row.map(prime); }) : null;
    }
  }

  /** One marker's TeX, as gradcore/pages/values.py writes it in math. @param {any} r @param {Slot} slot */
  function slotTex(r, slot) {
    var g = /** @type {any} */ (root).gradcore;
    var n = /** @type {any} */ (root).gcNumbers;
    var found = quantity(r, slot.q);
    if (!found) {
      return "?";
    }
    var value = found;
    if (slot.flags.indexOf("T") >= 0) {
      value = g.transpose(value);
    }
    if (slot.index) {
      var idx = slot.index.length === 2 ? slot.index : value.length === 1 ? [1, slot.index[0]] : [slot.index[0], 1];
      value = [[value[idx[0] - 1][idx[1] - 1]]];
    }
    if (value.length === 1 && value[0].length === 1 && slot.flags.indexOf("matrix") < 0) {
      return n.formatNumber(value[0][0], slot.digits, { exact: slot.exact, paren: slot.flags.indexOf("paren") >= 0 });
    }
    return n.formatMatrix(value, slot.digits, { exact: slot.exact, shape: slot.flags.indexOf("noshape") < 0 });
  }

  root.gcQuantities = { quantity: quantity, slotTex: slotTex };
})(/** @type {any} */ (window));
