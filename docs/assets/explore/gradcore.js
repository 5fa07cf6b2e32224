// gradcore's arithmetic in the reader's browser: forward, backward, loss, one step, the numerical check.
//
// The same conventions as gradcore/core, and the same names: row vectors, X is m x n_0, W_k is
// n_(k-1) x n_k, u_k = l_(k-1) . W_k (+ b_k), l_k = f_k(u_k), losses summed over the examples (not
// averaged). Each function follows its namesake in gradcore/core (activations.py, loss.py,
// choices.py, forward.py, backward.py, training.py, numerical.py), including the stable forms
// that keep their digits where a unit saturates: sigma'(u) as e / (1 + e)^2 with e = e^(-|u|),
// yhat - y without cancelling against 1, the cross-entropies from u rather than from yhat.
// tests/test_explore_js.py holds every quantity to gradcore's to 1e-12.
//
// A classic script (not a module): Chromium runs no module script from a file:// page.
(function (root) {
  "use strict";

  /** @typedef {number[][]} Matrix  one row per example, or a layer's weights n_in x n_out */

  /**
   * @typedef {object} Network
   * @property {Matrix[]} weights  W_1..W_L
   * @property {Matrix[] | null} biases  b_1..b_L (each 1 x n_k), or null
   * @property {string[]} activations  one name per layer
   * @property {string} loss  the loss's name
   */

  /**
   * @typedef {object} ForwardPass
   * @property {Matrix} X
   * @property {Matrix[]} preActivations  u_1..u_L
   * @property {Matrix[]} activations  l_1..l_L
   * @property {Matrix} yhat  l_L
   */

  /**
   * @typedef {object} Gradients
   * @property {Matrix[]} deltas  Delta l_1..Delta l_L
   * @property {Matrix[]} weights  dL/dW_1..dL/dW_L
   * @property {Matrix[] | null} biases  dL/db_1..dL/db_L, or null
   */

  // ---- Matrices ----

  /** @param {Matrix} A @param {(v: number, i: number, j: number) => number} f @returns {Matrix} */
  function map(A, f) {
    return A.map(function (row, i) {
      return row.map(function (v, j) { return f(v, i, j); });
    });
  }

  /** @param {Matrix} A @param {Matrix} B @param {(a: number, b: number) => number} f @returns {Matrix} */
  function zipWith(A, B, f) {
    return map(A, function (a, i, j) { return f(a, B[i][j]); });
  }

  /** The matrix product A . B. @param {Matrix} A @param {Matrix} B @returns {Matrix} */
  function matmul(A, B) {
    return A.map(function (row) {
      return B[0].map(function (_, j) {
        var sum = 0;
        for (var k = 0; k < row.length; k++) {
          sum += row[k] * B[k][j];
        }
        return sum;
      });
    });
  }

  /** @param {Matrix} A @returns {Matrix} */
  function transpose(A) {
    return A[0].map(function (_, j) {
      return A.map(function (row) { return row[j]; });
    });
  }

  /** The sum of every entry. @param {Matrix} A @returns {number} */
  function total(A) {
    var sum = 0;
    A.forEach(function (row) { row.forEach(function (v) { sum += v; }); });
    return sum;
  }

  /** @param {Matrix} A @returns {Matrix} */
  function copy(A) {
    return A.map(function (row) { return row.slice(); });
  }

  /** The index of a row's largest entry (the first, on a tie, as numpy's argmax). @param {number[]} row */
  function argmax(row) {
    var k = 0;
    for (var j = 1; j < row.length; j++) {
      if (row[j] > row[k]) {
        k = j;
      }
    }
    return k;
  }

  // ---- Activations (gradcore/core/activations.py) ----

  /** e^(-|u|), in (0, 1]: nothing overflows. @param {number} u */
  function expMinusAbs(u) {
    return Math.exp(u >= 0 ? -u : u);
  }

  /** sigma(u) = 1 / (1 + e^(-u)), as e / (1 + e) for u < 0. @param {number} u */
  function sigmoid(u) {
    var e = expMinusAbs(u);
    return u >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  /** sigma'(u) = sigma (1 - sigma), as e / (1 + e)^2: keeps its digits where sigma is near 0 or 1. @param {number} u */
  function sigmoidPrime(u) {
    var e = expMinusAbs(u);
    return e / ((1 + e) * (1 + e));
  }

  /** @param {number} u */
  function tanh(u) {
    return Math.tanh(u);
  }

  /** tanh'(u) = 1 - tanh(u)^2, as 4 sigma'(2u). @param {number} u */
  function tanhPrime(u) {
    return 4 * sigmoidPrime(2 * u);
  }

  /** @param {number} u */
  function relu(u) {
    return u > 0 ? u : 0;
  }

  /** 1 for u > 0, else 0 (also at the kink). @param {number} u */
  function reluPrime(u) {
    return u > 0 ? 1 : 0;
  }

  /** Each row's e^(u_i) / sum_j e^(u_j), after subtracting the row's largest entry. @param {Matrix} U */
  function softmax(U) {
    return U.map(function (row) {
      var top = Math.max.apply(null, row);
      var e = row.map(function (v) { return Math.exp(v - top); });
      var sum = 0;
      e.forEach(function (v) { sum += v; });
      return e.map(function (v) { return v / sum; });
    });
  }

  // ---- Residuals f(u) - y, without cancelling (gradcore/core/loss.py, choices.py) ----

  /** sigma(u) - y; where u >= 0, (1 - y) - sigma(-u). @param {Matrix} U @param {Matrix} Y */
  function outputResidual(U, Y) {
    return zipWith(U, Y, function (u, y) { return u >= 0 ? (1 - y) - sigmoid(-u) : sigmoid(u) - y; });
  }

  /** tanh(u) - y, as (1 - y) - 2 sigma(-2u) or 2 sigma(2u) - (1 + y). @param {Matrix} U @param {Matrix} Y */
  function tanhResidual(U, Y) {
    return zipWith(U, Y, function (u, y) { return u >= 0 ? (1 - y) - 2 * sigmoid(-2 * u) : 2 * sigmoid(2 * u) - (1 + y); });
  }

  /** softmax(u) - y; at each row's largest entry, (1 - y_k) - (the sum of the others). @param {Matrix} U @param {Matrix} Y */
  function softmaxResidual(U, Y) {
    var S = softmax(U);
    return S.map(function (s, i) {
      var k = argmax(U[i]);
      var rest = 0;
      s.forEach(function (v, j) { rest += j === k ? 0 : v; });
      return s.map(function (v, j) { return j === k ? (1 - Y[i][k]) - rest : v - Y[i][j]; });
    });
  }

  /**
   * @typedef {object} Activation
   * @property {(U: Matrix) => Matrix} value  f(u)
   * @property {((u: number) => number) | null} prime  f'(u) entry by entry, null for softmax
   * @property {(U: Matrix, Y: Matrix) => Matrix} residual  f(u) - y
   * @property {boolean} kink  whether f has a kink at 0 (ReLU)
   * @property {number} slope  the largest |f'(u)|
   */

  /** @param {(u: number) => number} f @returns {(U: Matrix) => Matrix} */
  function elementwise(f) {
    return function (U) { return map(U, f); };
  }

  /** @type {Record<string, Activation>} */
  var ACTIVATIONS = {
    sigmoid: { value: elementwise(sigmoid), prime: sigmoidPrime, residual: outputResidual, kink: false, slope: 0.25 },
    tanh: { value: elementwise(tanh), prime: tanhPrime, residual: tanhResidual, kink: false, slope: 1 },
    relu: {
      value: elementwise(relu), prime: reluPrime, kink: true, slope: 1,
      residual: function (U, Y) { return zipWith(U, Y, function (u, y) { return relu(u) - y; }); },
    },
    softmax: { value: softmax, prime: null, residual: softmaxResidual, kink: false, slope: 1 },
  };

  /**
   * dL/du from G = dL/df(u): G * f'(u), or for softmax s_i sum_j (g_i - g_j) s_j.
   * @param {Activation} act @param {Matrix} U @param {Matrix} G @returns {Matrix}
   */
  function backprop(act, U, G) {
    var prime = act.prime;
    if (prime !== null) {
      var fprime = prime;
      return zipWith(G, U, function (g, u) { return g * fprime(u); });
    }
    var S = softmax(U);
    return S.map(function (s, r) {
      var g = G[r];
      return s.map(function (si, i) {
        var sum = 0;
        for (var j = 0; j < s.length; j++) {
          sum += (g[i] - g[j]) * s[j];
        }
        return si * sum;
      });
    });
  }

  // ---- Losses (gradcore/core/loss.py, choices.py) ----

  /** log(1 + e^u) = max(u, 0) + log1p(e^(-|u|)). @param {number} u */
  function softplus(u) {
    return (u >= 0 ? u : 0) + Math.log1p(expMinusAbs(u));
  }

  /** -log softmax(u) of each entry: (u_k - u_i) + log1p(sum over j != k of e^(u_j - u_k)). @param {Matrix} U */
  function logSoftmaxTerms(U) {
    return U.map(function (row) {
      var k = argmax(row);
      var top = row[k];
      var others = 0;
      row.forEach(function (v, j) { others += j === k ? 0 : Math.exp(v - top); });
      var tail = Math.log1p(others);
      return row.map(function (v) { return (top - v) + tail; });
    });
  }

  /**
   * @typedef {object} Loss
   * @property {(U: Matrix, Yhat: Matrix, Y: Matrix) => number} value  L, summed over the examples
   * @property {(act: Activation, U: Matrix, Y: Matrix) => Matrix} gradient  dL/dyhat
   * @property {string | null} output  the output activation the loss needs, or null for any
   * @property {boolean} fused  whether delta_L = yhat - y (f' cancels against dL/dyhat)
   */

  /** @type {Record<string, Loss>} */
  var LOSSES = {
    half_squared_error: {
      value: function (U, Yhat, Y) {
        return total(zipWith(Y, Yhat, function (y, yhat) { return (y - yhat) * (y - yhat); })) / 2;
      },
      gradient: function (act, U, Y) { return act.residual(U, Y); },
      output: null,
      fused: false,
    },
    binary_cross_entropy: {
      value: function (U, Yhat, Y) {
        return total(zipWith(U, Y, function (u, y) { return y * softplus(-u) + (1 - y) * softplus(u); }));
      },
      gradient: function (act, U, Y) {
        return zipWith(act.residual(U, Y), U, function (r, u) { return r / sigmoidPrime(u); });
      },
      output: "sigmoid",
      fused: true,
    },
    cross_entropy: {
      value: function (U, Yhat, Y) {
        return total(zipWith(Y, logSoftmaxTerms(U), function (y, t) { return y * t; }));
      },
      gradient: function (act, U, Y) {
        var S = act.value(U);
        return zipWith(Y, S, function (y, s) { return y === 0 ? 0 : -y / s; });
      },
      output: "softmax",
      fused: true,
    },
  };

  /** delta_L: yhat - y where f' cancels, else dL/dyhat * f'(u_L). @param {Loss} loss @param {Activation} act @param {Matrix} U @param {Matrix} Y */
  function lossDelta(loss, act, U, Y) {
    return loss.fused ? act.residual(U, Y) : backprop(act, U, loss.gradient(act, U, Y));
  }

  /** dL/dyhat: yhat - y for the series' squared error, as its pages write it, else the loss's own. */
  /** @param {Network} net @param {ForwardPass} fwd @param {Matrix} Y @returns {Matrix} */
  function outputGradient(net, fwd, Y) {
    var L = net.weights.length;
    if (net.loss === "half_squared_error") {
      return zipWith(fwd.yhat, Y, function (yhat, y) { return yhat - y; });
    }
    return LOSSES[net.loss].gradient(ACTIVATIONS[net.activations[L - 1]], fwd.preActivations[L - 1], Y);
  }

  // ---- Forward, loss, backward, one step (forward.py, backward.py, training.py) ----

  /** Run the network on a batch. @param {Network} net @param {Matrix} X @returns {ForwardPass} */
  function forward(net, X) {
    var l = X;
    /** @type {Matrix[]} */
    var us = [];
    /** @type {Matrix[]} */
    var ls = [];
    net.weights.forEach(function (W, k) {
      var u = matmul(l, W); // u_k = l_(k-1) . W_k
      if (net.biases) {
        var b = net.biases[k][0];
        u = map(u, function (v, i, j) { return v + b[j]; }); // ... + b_k
      }
      l = ACTIVATIONS[net.activations[k]].value(u); // l_k = f_k(u_k)
      us.push(u);
      ls.push(l);
    });
    return { X: X, preActivations: us, activations: ls, yhat: ls[ls.length - 1] };
  }

  /** The loss of a forward pass. @param {Network} net @param {ForwardPass} fwd @param {Matrix} Y */
  function lossOf(net, fwd, Y) {
    return LOSSES[net.loss].value(fwd.preActivations[fwd.preActivations.length - 1], fwd.yhat, Y);
  }

  /** The output l_k of layer k; l_0 is X. @param {ForwardPass} fwd @param {number} k */
  function layer(fwd, k) {
    return k === 0 ? fwd.X : fwd.activations[k - 1];
  }

  /**
   * Backpropagation: the deltas of every layer, then the gradient of every parameter.
   * @param {Network} net @param {ForwardPass} fwd @param {Matrix} Y @returns {Gradients}
   */
  function backward(net, fwd, Y) {
    var L = net.weights.length;
    var u = fwd.preActivations;
    var f = net.activations.map(function (name) { return ACTIVATIONS[name]; });
    // Delta l_L = dL/dyhat * f_L'(u_L), or yhat - y where f_L' cancels
    var deltas = [lossDelta(LOSSES[net.loss], f[L - 1], u[L - 1], Y)];
    for (var k = L - 1; k >= 1; k--) {
      // Delta l_k = (Delta l_(k+1) . W_(k+1)^T) * f_k'(u_k)
      deltas.unshift(backprop(f[k - 1], u[k - 1], matmul(deltas[0], transpose(net.weights[k]))));
    }
    var dW = deltas.map(function (delta, i) { return matmul(transpose(layer(fwd, i)), delta); }); // l_(k-1)^T . Delta l_k
    var db = deltas.map(function (delta) { // the column sums of Delta l_k
      return [delta[0].map(function (_, j) {
        var sum = 0;
        delta.forEach(function (row) { sum += row[j]; });
        return sum;
      })];
    });
    return { deltas: deltas, weights: dW, biases: net.biases ? db : null };
  }

  /**
   * The network one step downhill: W_k - eta dL/dW_k and b_k - eta dL/db_k (null if that overflowed).
   * @param {Network} net @param {Gradients} grads @param {number} eta @returns {Network | null}
   */
  function gradientStep(net, grads, eta) {
    var weights = net.weights.map(function (W, k) {
      return zipWith(W, grads.weights[k], function (w, dw) { return w - eta * dw; });
    });
    var gb = grads.biases || [];
    var biases = net.biases && grads.biases ? net.biases.map(function (b, k) {
      return zipWith(b, gb[k], function (v, dv) { return v - eta * dv; });
    }) : null;
    if (!weights.concat(biases || []).every(allFinite)) {
      return null;
    }
    return { weights: weights, biases: biases, activations: net.activations, loss: net.loss };
  }

  // ---- The numerical check (numerical.py) ----

  var EPS = 1e-6;

  /**
   * dL/dp for every weight and bias by central differences, (L(p + eps) - L(p - eps)) / (2 eps).
   * @param {Network} net @param {Matrix} X @param {Matrix} Y @returns {{weights: Matrix[], biases: Matrix[] | null}}
   */
  function numericalGradients(net, X, Y) {
    /** @param {Matrix} P */
    function each(P) {
      return map(P, function (original, i, j) {
        P[i][j] = original + EPS;
        var plus = lossOf(net, forward(net, X), Y);
        P[i][j] = original - EPS;
        var minus = lossOf(net, forward(net, X), Y);
        P[i][j] = original;
        return (plus - minus) / (2 * EPS);
      });
    }
    var work = { weights: net.weights.map(copy), biases: net.biases ? net.biases.map(copy) : null,
                 activations: net.activations, loss: net.loss };
    net = work;
    return { weights: work.weights.map(each), biases: work.biases ? work.biases.map(each) : null };
  }

  /** The largest |a - b| / (|a| + |b|) over the entries (0 where both are 0). @param {Matrix[]} A @param {Matrix[]} B */
  function relativeError(A, B) {
    var worst = 0;
    A.forEach(function (M, k) {
      zipWith(M, B[k], function (a, b) {
        var size = Math.abs(a) + Math.abs(b);
        worst = Math.max(worst, size > 0 ? Math.abs(a - b) / size : 0);
        return 0;
      });
    });
    return worst;
  }

  // ---- What gradcore refuses (choices.py target_problem, gradcheck.py kink_problem) ----

  /** @param {Matrix} A */
  function allFinite(A) {
    return A.every(function (row) { return row.every(isFinite); });
  }

  /**
   * Why the targets do not suit the loss, as [row, column, message] (1-based), or null if they do.
   * @param {string} loss @param {Matrix} Y @returns {[number, number, string] | null}
   */
  function targetProblem(loss, Y) {
    if (loss === "half_squared_error") {
      return null;
    }
    for (var i = 0; i < Y.length; i++) {
      for (var j = 0; j < Y[i].length; j++) {
        if (Y[i][j] < 0 || Y[i][j] > 1) {
          return [i + 1, j + 1, "outside [0, 1]: " + loss.replace(/_/g, " ") + " needs targets that are probabilities"];
        }
      }
    }
    if (loss === "cross_entropy") {
      for (i = 0; i < Y.length; i++) {
        var sum = 0;
        Y[i].forEach(function (v) { sum += v; });
        if (Math.abs(sum - 1) > 1e-12) {
          return [i + 1, 1, "row " + (i + 1) + " sums to " + sum + ", not 1: each row of targets must be a probability distribution"];
        }
      }
    }
    return null;
  }

  /**
   * A ReLU pre-activation closer to its kink than a central difference moves it, as "u_k row, column", or null.
   * @param {Network} net @param {ForwardPass} fwd @returns {string | null}
   */
  function kinkProblem(net, fwd) {
    // how far a step can move each entry of l_(k-1), example by example
    var moved = map(fwd.X, function () { return 0; });
    for (var k = 1; k <= net.weights.length; k++) {
      var act = ACTIVATIONS[net.activations[k - 1]];
      var prev = layer(fwd, k - 1);
      var rowMax = net.weights[k - 1].map(function (row) { return Math.max.apply(null, row.map(Math.abs)); });
      var reach = prev.map(function (row, r) {
        var own = EPS * Math.max(Math.max.apply(null, row.map(Math.abs)), net.biases ? 1 : 0);
        var upstream = 0;
        moved[r].forEach(function (m, i) { upstream += m * rowMax[i]; });
        return Math.max(own, upstream);
      });
      var u = fwd.preActivations[k - 1];
      for (var r = 0; r < u.length && act.kink; r++) {
        for (var j = 0; j < u[r].length; j++) {
          if (Math.abs(u[r][j]) < reach[r]) {
            return "u_" + k + "[" + (r + 1) + "," + (j + 1) + "] lies closer to the ReLU kink at 0 than the numerical check can step";
          }
        }
      }
      moved = map(u, function (v, i) { return reach[i] * act.slope * (act.kink ? (v > 0 ? 1 : 0) : 1); });
    }
    return null;
  }

  root.gradcore = {
    ACTIVATIONS: ACTIVATIONS, LOSSES: LOSSES, EPS: EPS,
    sigmoid: sigmoid, sigmoidPrime: sigmoidPrime, tanh: tanh, tanhPrime: tanhPrime, relu: relu,
    reluPrime: reluPrime, softmax: softmax, softplus: softplus, logSoftmaxTerms: logSoftmaxTerms,
    outputResidual: outputResidual, tanhResidual: tanhResidual, softmaxResidual: softmaxResidual,
    backprop: backprop, lossDelta: lossDelta, outputGradient: outputGradient,
    forward: forward, lossOf: lossOf, backward: backward, gradientStep: gradientStep,
    numericalGradients: numericalGradients, relativeError: relativeError,
    targetProblem: targetProblem, kinkProblem: kinkProblem, allFinite: allFinite,
    matmul: matmul, transpose: transpose,
  };
})(/** @type {any} */ (window));
