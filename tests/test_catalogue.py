"""The catalogue of diagnostics, the code base and the README agree: every code raised is
catalogued, every catalogued code is raised somewhere, and the README lists each with its
meaning; every message template fills in both languages."""

from __future__ import annotations

import ast
import re
import string

import pytest

from chuangye_cli.catalogue import CATALOGUE, Code
from chuangye_cli.diagnostics import make
from chuangye_cli.vocab import LANGS

from .conftest import REPO

SRC = REPO / "src" / "chuangye_cli"
README = (REPO / "README.md").read_text(encoding="utf-8")


def _source_files() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "catalogue.py"]


def test_every_code_has_an_entry_with_both_languages() -> None:
    assert set(CATALOGUE) == set(Code)
    for code, entry in CATALOGUE.items():
        assert entry.severity in ("error", "warning"), code
        for label in (entry.meaning, entry.fix, *entry.messages.values()):
            assert label.zh and label.en, code
            assert re.search(r"[\u4e00-\u9fff]", label.zh), (code, label.zh)  # Chinese
        assert "" in entry.messages, code


def test_every_code_is_raised_somewhere() -> None:
    used = set()
    for text in _source_files():
        used |= set(re.findall(r"\bCode\.([A-Z_]+)\b", text))
    members = {c.name for c in Code}
    assert used - members == set(), "raised but not catalogued"
    assert members - used == set(), "catalogued but never raised"


def test_no_code_is_written_as_a_string_literal() -> None:
    values = {c.value for c in Code}
    for path in SRC.rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in values, f"{path.name}: use Code, not {node.value!r}"


def test_readme_lists_every_code_with_its_meaning() -> None:
    block = README.split("<!-- codes -->")[1].split("<!-- /codes -->")[0]
    listed = dict(re.findall(r"^\| `([a-z.\-]+)` \| [^|]+ \| ([^|]+) \|", block, re.M))
    assert set(listed) == {c.value for c in Code}
    for code, meaning in listed.items():
        assert meaning.strip() == CATALOGUE[Code(code)].meaning.zh, code


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.value)
def test_every_template_fills_in_both_languages(code: Code) -> None:
    entry = CATALOGUE[code]
    for variant, label in entry.messages.items():
        names = {
            field
            for template in (label.zh, label.en)
            for _, field, _, _ in string.Formatter().parse(template)
            if field
        }
        d = make(code, "f.csv", 2, 3, variant=variant, fields={n: f"<{n}>" for n in names})
        for lang in LANGS:
            text = d.message(lang)
            assert "{" not in text and "=" not in text, (code, variant, lang, text)
