"""What a user says about particular files on the command line: ``--header-row N``,
``--period YYYY-MM`` and ``--file-county X`` (``--county`` in ``validate`` and ``inspect``)
apply to the files named before them, back to the previous use of the same option; given
before any file, to the files named after them.

    chuangye validate --actuals a.xlsx --actuals b.xlsx --period 2020-06 --actuals c.xlsx --period 2020-07

reads a.xlsx and b.xlsx as June's, c.xlsx as July's. Pure: the raw arguments in, a mapping out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from chuangye_cli.reading import Given

SETTINGS = {"--header-row": "header_row", "--period": "period", "--file-county": "county"}


def given_by_file(
    args: Sequence[str],
    *,
    file_options: Collection[str] = ("--actuals",),
    positional: bool = False,
    value_options: Collection[str] = (),
    county_option: str = "--file-county",
) -> dict[str, Given]:
    """Each file named in ``args`` (after a file option, or as a positional argument when
    ``positional``) with what the settings options say about it."""
    settings = dict(SETTINGS)
    if county_option != "--file-county":
        settings[county_option] = "county"
    files: list[str] = []
    given: dict[str, Given] = {}
    covered: dict[str, int] = {}  # setting -> how many files it has covered so far
    pending: dict[str, str] = {}  # a setting given before any uncovered file
    k = 0
    while k < len(args):
        token = args[k]
        name, eq, inline = token.partition("=")
        if name in settings:
            value = inline if eq else (args[k + 1] if k + 1 < len(args) else "")
            k += 1 if eq else 2
            field = settings[name]
            start = covered.get(field, 0)
            if start < len(files):
                for f in files[start:]:
                    given[f] = _set(given.get(f, Given()), field, value)
                covered[field] = len(files)
            else:
                pending[field] = value
            continue
        if name in file_options:
            path = inline if eq else (args[k + 1] if k + 1 < len(args) else "")
            k += 1 if eq else 2
            _add(path, files, given, pending, covered)
            continue
        if token.startswith("-"):
            takes_value = name in value_options and not eq
            k += 2 if takes_value else 1
            continue
        if positional:
            _add(token, files, given, pending, covered)
        k += 1
    return given


def _add(
    path: str,
    files: list[str],
    given: dict[str, Given],
    pending: dict[str, str],
    covered: dict[str, int],
) -> None:
    files.append(path)
    current = given.get(path, Given())
    for field, value in pending.items():
        current = _set(current, field, value)
        covered[field] = len(files)
    if pending:
        given[path] = current


def _set(given: Given, field: str, value: str) -> Given:
    if field == "header_row":
        try:
            return replace(given, header_row=int(value))
        except ValueError:
            return given  # the option's own check reports it
    if field == "period":
        return replace(given, period=value)
    return replace(given, county=value)
