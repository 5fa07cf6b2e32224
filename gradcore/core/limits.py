"""The gradient module's own size limits: an oversized request is refused before any work is done.

They guard the library API (a network, a batch, a training run, a
numerical gradient); what a page of the site may ask for is capped more
tightly by `gradcore.examples.budgets`.
"""

from __future__ import annotations

from gradcore.core.errors import InputError

__all__ = ["MAX_CHECK_COST", "MAX_EXAMPLES", "MAX_PARAMETERS", "MAX_STEPS", "check_examples", "check_numerical_cost",
           "check_parameters"]

MAX_PARAMETERS = 10_000
"""Largest number of parameters (weights and biases together) a network may have."""

MAX_EXAMPLES = 1_000
"""Largest number of examples (rows of X) a batch may have."""

MAX_STEPS = 100_000
"""Largest number of gradient-descent steps one training run may take through the library API."""

MAX_TRAINING_STEPS = 2000
"""Largest `steps:` a page's example may ask for: a page's run must also compute, check and render fast."""

MAX_CHECK_COST = 10**9
"""Largest parameters^2 x examples for a numerical gradient (about one second).

A numerical gradient evaluates the loss of the whole batch once or twice per
parameter, so its cost grows as parameters x (parameters x examples).
"""


def check_parameters(count: int) -> None:
    """Refuse a network with more than `MAX_PARAMETERS` parameters.

    Args:
        count: Number of weights and biases of the network.

    Raises:
        InputError: If `count` exceeds the limit.
    """
    if count > MAX_PARAMETERS:
        raise InputError(f"the network has {count:,} parameters (weights and biases); "
                         f"the limit is {MAX_PARAMETERS:,}")


def check_examples(count: int) -> None:
    """Refuse a batch with more than `MAX_EXAMPLES` examples.

    Args:
        count: Number of examples (rows of X).

    Raises:
        InputError: If `count` exceeds the limit.
    """
    if count > MAX_EXAMPLES:
        raise InputError(f"X has {count:,} examples (rows); the limit is {MAX_EXAMPLES:,}")


def check_numerical_cost(parameters: int, examples: int) -> None:
    """Refuse a numerical gradient whose cost, parameters^2 x examples, exceeds `MAX_CHECK_COST`.

    Args:
        parameters: Number of weights and biases of the network.
        examples: Number of examples (rows of X).

    Raises:
        InputError: If the cost exceeds the limit.
    """
    cost = parameters * parameters * examples
    if cost > MAX_CHECK_COST:
        raise InputError(f"a numerical gradient of {parameters:,} parameters on {examples:,} examples costs "
                         f"{parameters:,}^2 x {examples:,} = {cost:.2g}; the limit is {MAX_CHECK_COST:.2g} "
                         "(about a second): use fewer examples or a smaller network")
