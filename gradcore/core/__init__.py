"""The gradient module: the numbers behind the series, in numpy and nothing else.

Conventions (row vectors): X is m x n_0, W_k is n_(k-1) x n_k, b_k is
1 x n_k, u_k = l_(k-1) . W_k (+ b_k), l_k = sigma(u_k), l_0 = X,
yhat = l_L, and L = 1/2 sum (y - yhat)^2 over every example and output.
Backpropagation is checked against central differences and the complex
step (`gradcheck.check_gradients`); `limits` holds the library's own size guards.

Import what you need from its modules (`from gradcore.core.forward import forward`): importing
the package itself loads nothing, so that the page syntax can use `gradcore.core.errors` without numpy.
"""
