"""Shared fixtures: the bundled rule set and one assessor for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paris_check.assessing import Assessor
from paris_check.packs import RuleSet, load_bundled

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_bundled()


@pytest.fixture(scope="session")
def assessor(ruleset: RuleSet) -> Iterator[Assessor]:
    with Assessor(ruleset) as a:
        yield a
