"""Bad plan files give diagnostics that point at the offending YAML node (file, line, column).

Expected lines and columns are computed from the YAML text each test writes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from chuangye_cli.diagnostics import Diagnostic
from tests.conftest import (
    TARGETS_YAML,
    TASKS_YAML,
    column_of,
    errors,
    line_of,
    load_data,
    make_data,
)


def one_error(tmp_path: Path, targets: str = TARGETS_YAML, tasks: str = TASKS_YAML) -> Diagnostic:
    loaded = load_data(make_data(tmp_path, [], targets=targets, tasks=tasks))
    found = errors(loaded)
    assert len(found) == 1, [str(d) for d in loaded.diagnostics]
    assert loaded.plan is None
    return found[0]


def located(d: Diagnostic) -> tuple[str, str | None, int | None, int | None]:
    return d.code, d.file, d.line, d.column


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def test_the_fixture_plan_is_clean(tmp_path: Path) -> None:
    loaded = load_data(make_data(tmp_path, []))
    assert loaded.diagnostics == []
    assert loaded.plan is not None


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "  severe: 0.25", "\tsevere: 0.25")
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    syntax = [d for d in loaded.diagnostics if d.code == "yaml.syntax"]
    assert [located(d) for d in syntax] == [
        ("yaml.syntax", str(tmp_path / "targets.yaml"), line_of(targets, "\tsevere"), 1)
    ]
    assert loaded.plan is None


def test_yaml_syntax_error_is_reported_once_and_every_error_is_located(tmp_path: Path) -> None:
    # A syntax error in targets.yaml must not also yield a schema error about the whole file.
    targets = replace_once(TARGETS_YAML, "  severe: 0.25", "\tsevere: 0.25")
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    found = errors(loaded)
    assert [d.code for d in found] == ["yaml.syntax"], [str(d) for d in found]
    assert all(d.line is not None for d in found)


def test_unclosed_flow_sequence_in_tasks(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "leads: [丙局]", "leads: [丙局")
    d = one_error(tmp_path, tasks=tasks)
    assert (d.code, d.file) == ("yaml.syntax", str(tmp_path / "tasks.yaml"))
    # the parser notices at the next key after the unclosed bracket
    assert d.line is not None and d.line >= line_of(tasks, "leads: [丙局")


def test_unknown_key(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "    kind: flow\n", "    kind: flow\n    colour: red\n")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "schema.unknown-key",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "colour:"),
        column_of(targets, "colour:"),
    )
    assert "colour" in d.message("en")


def test_unknown_top_level_key_in_tasks(tmp_path: Path) -> None:
    tasks = TASKS_YAML + "owners: []\n"
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "schema.unknown-key",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "owners:"),
        1,
    )


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("target: 100", "target: lots", "schema.type"),
        ("target: 100", 'target: "100"', "schema.type"),  # quoted: text, not a number
        ("target: 100", "target: true", "schema.type"),
        ("target: 100", "target: 0", "schema.range"),
        ("kind: stock", "kind: heap", "schema.choice"),
        ("severe: 0.25", "severe: 1.5", "schema.range"),
        ("aliases: [东城]", "aliases: 东城", "schema.type"),
    ],
)
def test_wrong_type_or_value_in_targets(tmp_path: Path, old: str, new: str, code: str) -> None:
    targets = replace_once(TARGETS_YAML, old, new)
    d = one_error(tmp_path, targets=targets)
    line = line_of(targets, new)
    value = new.split(": ")[1]
    assert located(d) == (
        code,
        str(tmp_path / "targets.yaml"),
        line,
        targets.splitlines()[line - 1].index(value) + 1,
    )


def test_wrong_type_in_tasks(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "number: 3", "number: three")
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "schema.type",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "number: three"),
        column_of(tasks, "three"),
    )


def test_unknown_unit_in_targets(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "unit: 亿元", "unit: 亿两")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "schema.unit",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "unit: 亿两"),
        column_of(targets, "亿两"),
    )


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "    target: 100\n", "    target: 100\n    target: 200\n")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "yaml.duplicate-key",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "target: 200"),
        column_of(targets, "target: 200"),
    )


def test_duplicate_indicator_id(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "  - id: spaces", "  - id: firms")
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    duplicates = [d for d in errors(loaded) if d.code == "ref.duplicate"]
    assert [located(d) for d in duplicates] == [
        (
            "ref.duplicate",
            str(tmp_path / "targets.yaml"),
            line_of(targets, "- id: firms", occurrence=2),
            column_of(targets, "firms", occurrence=2),
        )
    ]
    assert loaded.plan is None


def test_duplicate_county_id(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "  - id: west", "  - id: east")
    targets = replace_once(targets, "    west: 3\n", "")  # keep the weights free of errors
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    duplicates = [d for d in errors(loaded) if d.code == "ref.duplicate"]
    assert duplicates, [str(d) for d in loaded.diagnostics]
    assert located(duplicates[0]) == (
        "ref.duplicate",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "- id: east", occurrence=2),
        column_of(targets, "east", occurrence=2),
    )
    assert loaded.plan is None


def test_duplicate_county_code(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, 'code: "340102"', 'code: "340101"')
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "ref.ambiguous-name",
        str(tmp_path / "targets.yaml"),
        line_of(targets, 'code: "340101"', occurrence=2),
        column_of(targets, '"340101"', occurrence=2),
    )


def test_unknown_unit_reference_in_tasks(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "leads: [甲局, 乙局]", "leads: [甲局, 乙句]")
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "ref.unknown-unit",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "乙句"),
        column_of(tasks, "乙句"),
    )
    assert "乙句" in d.message("en")


def test_unknown_partner_unit(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "partners: [丁局, 各县区]", "partners: [丁局, 各区县]")
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "ref.unknown-unit",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "各区县"),
        column_of(tasks, "各区县"),
    )


def test_unknown_indicator_in_indicator_links(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "2: [loans, spaces]", "2: [loans, spacez]")
    loaded = load_data(make_data(tmp_path, [], tasks=tasks))
    found = errors(loaded)
    assert [located(d) for d in found] == [
        (
            "ref.unknown-indicator",
            str(tmp_path / "tasks.yaml"),
            line_of(tasks, "spacez"),
            column_of(tasks, "spacez"),
        )
    ]


def test_unknown_indicator_for_the_coordinator(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "coordinator: [firms]", "coordinator: [firms, jobs]")
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "ref.unknown-indicator",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "coordinator: [firms, jobs]"),
        column_of(tasks, "jobs"),
    )


def test_link_to_a_task_that_does_not_exist(tmp_path: Path) -> None:
    tasks = replace_once(
        TASKS_YAML, "    2: [loans, spaces]", "    2: [loans, spaces]\n    9: [firms]"
    )
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == ("ref.unknown-task", str(tmp_path / "tasks.yaml"), line_of(tasks, "9:"), 5)


def test_unowned_indicator_is_a_warning(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "2: [loans, spaces]", "2: [loans]")
    loaded = load_data(make_data(tmp_path, [], tasks=tasks))
    assert errors(loaded) == []
    assert [(d.code, d.severity) for d in loaded.diagnostics] == [
        ("ref.unowned-indicator", "warning")
    ]
    assert "spaces" in loaded.diagnostics[0].message("en")


def test_plan_ending_before_it_starts(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "end: 2020-12", "end: 2018-12")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "schema.order",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "end: 2018-12"),
        column_of(targets, "2018-12"),
    )


def test_bad_plan_month(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "start: 2019-01", "start: 2019-00")
    d = one_error(tmp_path, targets=targets)
    assert (d.file, d.line, d.column) == (
        str(tmp_path / "targets.yaml"),
        line_of(targets, "start: 2019-00"),
        column_of(targets, "2019-00"),
    )


EXPLICIT = """\
  explicit:
    - indicator: loans
      unit: {unit}
      targets:
        east: 5000
        west: 15000
"""


def test_explicit_allocation_in_a_unit_of_another_measure(tmp_path: Path) -> None:
    targets = TARGETS_YAML + EXPLICIT.format(unit="万人")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "allocation.unit",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "unit: 万人"),
        column_of(targets, "万人"),
    )


def test_explicit_allocation_in_another_unit_of_the_same_measure(tmp_path: Path) -> None:
    # 5000 + 15000 万元 = 0.5 + 1.5 亿元: converted exactly, adds up to the target
    loaded = load_data(make_data(tmp_path, [], targets=TARGETS_YAML + EXPLICIT.format(unit="万元")))
    assert loaded.diagnostics == []
    assert loaded.plan is not None and loaded.plan.allocation is not None
    assert dict(loaded.plan.allocation.targets["loans"]) == {
        "east": Decimal("0.5"),
        "west": Decimal("1.5"),
    }


def test_explicit_allocation_that_does_not_add_up_is_a_warning(tmp_path: Path) -> None:
    targets = TARGETS_YAML + EXPLICIT.format(unit="万元").replace("west: 15000", "west: 14000")
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    assert errors(loaded) == []
    (d,) = loaded.diagnostics
    assert (d.code, d.severity, d.line) == (
        "allocation.sum",
        "warning",
        line_of(targets, "east: 5000"),
    )


def test_allocation_weight_for_an_unknown_county(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "    west: 3\n", "    west: 3\n    north: 2\n")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "ref.unknown-county",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "north: 2"),
        column_of(targets, "north"),
    )


def test_allocation_of_a_target_that_is_not_whole(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "target: 100", "target: 100.5")
    d = one_error(tmp_path, targets=targets)
    assert (d.code, d.file) == ("allocation.not-whole", str(tmp_path / "targets.yaml"))
    # it points into the allocation (the weights that cannot split 100.5 whole 个)
    assert d.line is not None and d.line >= line_of(targets, "allocation:")
    assert "100.5" in d.message("en")


def test_empty_targets_file(tmp_path: Path) -> None:
    loaded = load_data(make_data(tmp_path, [], targets=""))
    found = errors(loaded)
    assert found, "an empty targets.yaml must be an error"
    assert all(d.file == str(tmp_path / "targets.yaml") for d in found)


def test_several_problems_in_both_files_are_all_reported(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "kind: stock", "kind: heap")
    tasks = replace_once(TASKS_YAML, "leads: [丙局]", "leads: [戊局]")
    loaded = load_data(make_data(tmp_path, [], targets=targets, tasks=tasks))
    assert sorted((Path(d.file or "").name, d.line) for d in errors(loaded)) == [
        ("targets.yaml", line_of(targets, "kind: heap")),
        ("tasks.yaml", line_of(tasks, "戊局")),
    ]


def test_plan_file_not_in_utf8(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    (data / "tasks.yaml").write_bytes(TASKS_YAML.encode("gb18030"))
    found = errors(load_data(data))
    assert [(d.code, d.file) for d in found] == [("yaml.encoding", str(data / "tasks.yaml"))]


def test_duplicate_unit_name(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "  - name: 丁局\n", "  - name: 丁局\n  - name: 甲局\n")
    d = one_error(tmp_path, tasks=tasks)
    assert located(d) == (
        "ref.duplicate",
        str(tmp_path / "tasks.yaml"),
        line_of(tasks, "- name: 甲局", occurrence=2),
        column_of(tasks, "甲局", occurrence=2),
    )


def test_duplicate_task_number(tmp_path: Path) -> None:
    tasks = replace_once(TASKS_YAML, "number: 3", "number: 2")
    d = one_error(tmp_path, tasks=tasks)
    line = line_of(tasks, "number: 2", occurrence=2)
    assert located(d) == (
        "ref.duplicate",
        str(tmp_path / "tasks.yaml"),
        line,
        tasks.splitlines()[line - 1].index("2") + 1,
    )


def test_missing_required_key_points_at_its_mapping(tmp_path: Path) -> None:
    targets = replace_once(TARGETS_YAML, "    target: 100\n", "")
    d = one_error(tmp_path, targets=targets)
    assert located(d) == (
        "schema.missing",
        str(tmp_path / "targets.yaml"),
        line_of(targets, "- id: firms"),
        column_of(targets, "id: firms"),
    )
    assert "target" in d.message("en")
