"""A small, bounded run of scripts/fuzz.py: mutated actuals and plan files through every
reader, check, engine and writer end without a traceback, a hang or runaway memory. The full
run (10,000 + 3,000 inputs) is `python scripts/fuzz.py`; its figures are in the README."""

from __future__ import annotations

import importlib.util
import sys

from .conftest import REPO


def test_a_few_hundred_mutated_inputs_fail_nowhere() -> None:
    spec = importlib.util.spec_from_file_location("fuzz", REPO / "scripts" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    fuzz = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = fuzz
    spec.loader.exec_module(fuzz)
    outcome = fuzz.fuzz(actuals_count=150, plans_count=80, seed=20261129)
    assert outcome.runs == 230
    assert outcome.failures == []
