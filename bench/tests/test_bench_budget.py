"""The performance budget checked against results (bench.budget)."""

import pytest

from bench.budget import TARGETS, check, per_page_growth


def _summary(median):
    return {"median": median, "min": median, "max": median, "n": 1, "values": [median]}


def _scale_row(pages, cold, warm):
    return {"pages": pages, "cold": {"hook": _summary(cold)}, "warm": {"hook": _summary(warm)}}


def results(**changes):
    """Results that meet every target, with `changes` applied (dotted paths)."""
    data = {"real": {"warm": {"ratio": _summary(1.02), "hook": _summary(0.5)},
                     "cold": {"ratio": _summary(1.1), "ratio_empty": _summary(1.2), "hook": _summary(1.0)},
                     "added_mib": {"empty_cache": 40.0, "warm_cache": 5.0}},
            "serve": {"full": _summary(0.8)},
            "browser": {"phone": {"first_screen": _summary(0.9)}},
            "scale": [_scale_row(10, 1.0, 0.5), _scale_row(500, 40.0, 20.0)]}
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    return data


def verdicts(data):
    return {line["target"]: line["verdict"] for line in check(data)}


def test_every_target_passes_when_within_limits():
    """Assert one verdict per target, all "pass"."""
    assert list(verdicts(results()).values()) == ["pass"] * len(TARGETS)


@pytest.mark.parametrize(("change", "value", "target"), [
    ("real__warm__ratio", _summary(1.06), "warm build, with hook / without"),
    ("real__cold__ratio", _summary(1.16), "cold build, with hook / without (figure cache warm)"),
    ("real__cold__ratio_empty", _summary(6.01), "cold build, with hook / without (cache empty; ceiling)"),
    ("serve__full", _summary(1.5), "edit-to-rebuilt under mkdocs serve"),  # a strict "<" target
    ("real__added_mib__warm_cache", 10.5, "memory the hook adds, cold, figure cache warm"),
    ("browser__phone__first_screen", _summary(1.01), "first-screen math on a phone (390x844, CPU 4x slower)"),
])
def test_a_missed_target_fails_alone(change, value, target):
    """Assert exactly the target whose value is past its limit fails."""
    found = verdicts(results(**{change: value}))
    assert found[target] == "FAIL"
    assert [t for t, v in found.items() if v != "pass"] == [target]


def test_a_limit_itself_passes_for_a_non_strict_target():
    """Assert "at most 5%" accepts exactly 1.05."""
    assert verdicts(results(real__warm__ratio=_summary(1.05)))["warm build, with hook / without"] == "pass"


def test_skipped_sections_are_not_measured_rather_than_passed():
    """Assert a missing section gives "not measured"."""
    found = verdicts({"real": results()["real"]})
    assert found["edit-to-rebuilt under mkdocs serve"] == "not measured"
    assert found["per-page cost, largest / smallest synthetic site (warm)"] == "not measured"


def test_per_page_growth_compares_largest_with_smallest_site():
    """Assert (40 s / 500) / (1 s / 10) = 0.8, whatever the order of the rows."""
    rows = [_scale_row(500, 40.0, 30.0), _scale_row(100, 9.0, 5.0), _scale_row(10, 1.0, 0.5)]
    assert per_page_growth(rows, "cold") == pytest.approx(0.8)
    assert per_page_growth(rows, "warm") == pytest.approx(1.2)
    assert per_page_growth(rows[:1], "cold") is None


def test_a_failed_size_is_left_out_of_the_growth():
    """Assert a synthetic size that could not be measured does not enter the per-page ratio."""
    rows = [_scale_row(10, 1.0, 0.5), _scale_row(100, 9.0, 5.0), {"pages": 500, "error": "build failed"}]
    assert per_page_growth(rows, "cold") == pytest.approx(0.9)
    assert per_page_growth(rows[1:], "cold") is None
