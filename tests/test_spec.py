"""Example definitions: YAML read safely, every entry checked with a clear message."""

import pytest

from gradcore.examples.spec import DEFAULT_LEARNING_RATE, SpecError, parse_spec

GOOD = "X: [[1.0, 2.0]]\ny: [[0.5]]\nW1: [[0.1], [-0.2]]\n"


def test_defaults_and_normalised_values():
    """Assert scalars and flat lists become matrices and defaults are filled in."""
    spec = parse_spec("ex", "X: [1.0, 2.0]\ny: 0.5\nW1: [[0.1], [-0.2]]\n")
    assert spec.values["X"] == [[1.0, 2.0]] and spec.values["y"] == [[0.5]]
    assert spec.values["lr"] == DEFAULT_LEARNING_RATE and spec.values["formula"] is None


def test_yaml_scientific_text_is_read_as_a_number():
    """Assert `1e-3`, which YAML 1.1 reads as text, is accepted as 0.001."""
    spec = parse_spec("ex", GOOD + "lr: 1e-3\n")
    assert spec.values["lr"] == 0.001


def test_fingerprint_is_stable_and_sensitive():
    """Assert equal inputs give equal fingerprints and a changed weight changes it."""
    assert parse_spec("a", GOOD).fingerprint == parse_spec("b", GOOD).fingerprint
    assert parse_spec("a", GOOD).fingerprint != parse_spec("a", GOOD.replace("0.1", "0.3")).fingerprint


@pytest.mark.parametrize(
    ("body", "words", "key"),
    [
        ("X: [[1.0, abc]]\ny: 1\nW1: [[1], [2]]\n", "X[1,2] is 'abc': expected a number", "X[1,2]"),
        ("X: [[1.0, .nan]]\ny: 1\nW1: [[1], [2]]\n", "expected a finite number", "X[1,2]"),
        ("X: [[1.0, .inf]]\ny: 1\nW1: [[1], [2]]\n", "expected a finite number", "X[1,2]"),
        ("X: [[true]]\ny: 1\nW1: [[1]]\n", "expected a number", "X[1,1]"),
        (GOOD + "lr: 0\n", "must be a positive number", "lr"),
        (GOOD + "lr: -0.1\n", "must be a positive number, got -0.1", "lr"),
        (GOOD + "steps: -1\n", "whole number from 0 to", "steps"),
        (GOOD + "colour: red\n", "unknown key 'colour'", "colour"),
        (GOOD + "formula: part9\n", "unknown formula 'part9'; valid: part1", "formula"),
        ("X: [[1.0]]\ny: 1\n", "an empty network", None),
        ("X: [[1.0]]\nW1: [[1]]\n", "missing 'y'", None),
        ("X: [[1.0]]\ny: 1\nW2: [[1]]\n", "must run W1", "W2"),
        ("X: [[1.0, 2.0], [3.0]]\ny: 1\nW1: [[1]]\n", "rows of different lengths", "X"),
        ("X: [[1.0]]\ny: 1\nW1: [1, 2]\n", "list of rows", "W1"),
        (GOOD + "b1: [[0.1]]\nW2: [[1]]\n", "a bias for every layer or for none", "b1"),
        ("kind: banana\n", "unknown kind 'banana'", "kind"),
        ("kind: sigmoid\npoints: []\n", "points must be a list", "points"),
    ],
)
def test_bad_definitions_name_the_entry_and_what_is_valid(body, words, key):
    """Assert each bad definition raises SpecError with the entry and the rule."""
    with pytest.raises(SpecError) as caught:
        parse_spec("ex", body)
    assert words in str(caught.value)
    assert caught.value.key == key


def test_invalid_yaml_and_non_mapping():
    """Assert broken YAML and a bare list are refused with a reason."""
    with pytest.raises(SpecError, match="not valid YAML"):
        parse_spec("ex", "X: [[1.0\n")
    with pytest.raises(SpecError, match="YAML keys and values"):
        parse_spec("ex", "- 1\n- 2\n")


def test_unsafe_yaml_tags_are_refused():
    """Assert a Python object tag is not constructed (safe loader only)."""
    with pytest.raises(SpecError, match="not valid YAML"):
        parse_spec("ex", "X: !!python/object/apply:os.system ['true']\n")
