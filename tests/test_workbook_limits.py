"""A workbook that unpacks beyond the limit is refused before it is unpacked (actuals.too-large),
with the file named; one within the limit is read."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from chuangye_cli.reading import read_actuals, sources
from tests.conftest import load_data, make_data


def _workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["period", "county", "indicator", "value"])
    ws.append(["2019-03", "east", "firms", "5"])
    wb.save(path)
    return path


def test_a_workbook_beyond_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = load_data(make_data(tmp_path / "data"))
    assert loaded.plan is not None
    book = _workbook(tmp_path / "big.xlsx")
    monkeypatch.setattr(sources, "MAX_EXPANDED_BYTES", 1000)  # the parts unpack to ~6 KiB
    actuals, found = read_actuals([book], loaded.plan)
    assert [(d.code.value, d.file) for d in found] == [("actuals.too-large", str(book))]
    assert actuals.series == {}


def test_a_workbook_within_the_limit_is_read(tmp_path: Path) -> None:
    loaded = load_data(make_data(tmp_path / "data"))
    assert loaded.plan is not None
    actuals, found = read_actuals([_workbook(tmp_path / "ok.xlsx")], loaded.plan)
    assert found == []
    assert actuals.series[("east", "firms")].values  # the one row was read
