"""One marker's path through the page transform, traced: each stage of the pipeline is entered once, in order.

find markers -> define examples -> compute -> look up -> format -> check the page's equations -> splice

The trace records which gradcore module every call enters (`sys.setprofile`), maps each module to its
stage, and drops what is no stage: the orchestrator (`gradcore.pages.render`), helpers that several stages
share (limits, errors) and property getters (reading a computed result is not re-entering a stage).
"""

from __future__ import annotations

import inspect
import sys
from itertools import groupby
from types import CodeType, FrameType

import pytest

from gradcore.examples.worked import clear_cache
from gradcore.pages.render import Page, render_page
from test_bad_input import PAGE  # one definition and one marker

STAGES = {
    "find": ("gradcore.markup.markers",),
    "define": ("gradcore.examples.spec", "gradcore.examples.yaml_input"),
    "compute": ("gradcore.examples.worked", "gradcore.core.network", "gradcore.core.forward",
                "gradcore.core.backward", "gradcore.core.loss", "gradcore.core.activations",
                "gradcore.core.validation", "gradcore.core.numerical", "gradcore.core.gradcheck",
                "gradcore.core.training", "gradcore.core.rounding"),
    "look up": ("gradcore.pages.values", "gradcore.examples.quantities"),
    "format": ("gradcore.markup.latex",),
    "check": ("gradcore.texcheck",),
    "splice": ("gradcore.examples.export",),
}


def stage_of(module: str) -> str | None:
    return next((stage for stage, modules in STAGES.items()
                 if any(module == m or module.startswith(m + ".") for m in modules)), None)


def property_getters() -> set[CodeType]:
    """The code of every property getter of gradcore's classes."""
    codes = set()
    for module in [m for name, m in sys.modules.items() if name.startswith("gradcore") and m is not None]:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            codes |= {p.fget.__code__ for p in vars(cls).values() if isinstance(p, property) and p.fget}
    return codes


def traced_modules(text: str) -> list[str]:
    """The gradcore module of every call made while rendering `text`, in order."""
    modules: list[str] = []
    getters, reading = property_getters(), set()  # the frames of getters, and of the calls they make

    def record(frame: FrameType, event: str, _arg: object) -> None:
        name = frame.f_globals.get("__name__", "")
        if event == "return":
            reading.discard(id(frame))  # a finished frame's id may be reused
        if event != "call" or not name.startswith("gradcore"):
            return
        if frame.f_code in getters or id(frame.f_back) in reading:
            reading.add(id(frame))
        else:
            modules.append(name)

    sys.setprofile(record)
    try:
        render_page(text, Page("docs/one.md", "", inline=True))
    finally:
        sys.setprofile(None)
    return modules


@pytest.fixture
def cold_examples():
    clear_cache()  # the example is computed in the traced call, not read from the memo
    yield
    clear_cache()


def test_one_marker_passes_each_stage_once_in_pipeline_order(cold_examples):
    """Assert the stages entered, with repeats of one stage merged, are exactly the pipeline, once each."""
    render_page(PAGE.replace("0.5]", "0.25]"), Page("docs/warm.md", "", inline=True))  # imports, other numbers
    clear_cache()
    stages = [stage for stage in map(stage_of, traced_modules(PAGE)) if stage is not None]
    runs = [stage for stage, _ in groupby(stages)]
    assert runs == list(STAGES), f"stages entered: {' > '.join(runs)}"


def test_the_trace_sees_a_stage_entered_again(cold_examples):
    """Assert the check can fail: two definitions pass define and compute twice, and the trace shows it."""
    second = PAGE.replace("# Bad input\n", "").replace("example e", "example f").replace("e.loss", "f.loss")
    stages = [stage for stage in map(stage_of, traced_modules(PAGE + "\n" + second)) if stage is not None]
    assert [stage for stage, _ in groupby(stages)][:5] == ["find", "define", "compute", "define", "compute"]
