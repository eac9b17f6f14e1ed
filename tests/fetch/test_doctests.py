"""The examples in the fetch modules' docstrings run and hold."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from monitor.fetch import addresses, body, retry


@pytest.mark.parametrize("module", [addresses, body, retry], ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    failed, attempted = doctest.testmod(module)
    assert attempted > 0
    assert failed == 0
