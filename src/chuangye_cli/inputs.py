"""Where the plan files and actual figures come from, and loading them all in one call."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from chuangye_cli.diagnostics import Diagnostic, UsageError
from chuangye_cli.domain import Actuals
from chuangye_cli.files import not_regular
from chuangye_cli.plan import Plan, load_plan
from chuangye_cli.reading import Given, SheetReading, read_actuals

TARGETS_FILE = "targets.yaml"
TASKS_FILE = "tasks.yaml"
ACTUALS_NAMES = ("actuals", "actuals.csv", "actuals.xlsx")


def packaged_data_dir() -> Path:
    """The 六安 plan and sample figures shipped with the package.

    In an installed wheel they sit in ``chuangye_cli/data``; in a source checkout (or an
    editable install) they are the repository's top-level ``data/`` folder.
    """
    here = Path(__file__).resolve().parent
    inside = here / "data"
    return inside if (inside / TARGETS_FILE).is_file() else here.parents[1] / "data"


@dataclass(frozen=True)
class Inputs:
    targets: Path
    tasks: Path
    actuals: tuple[Path, ...]
    data_dir: Path | None
    packaged: bool


def resolve_inputs(
    data: Path | None = None,
    targets: Path | None = None,
    tasks: Path | None = None,
    actuals: Sequence[Path] = (),
    cwd: Path | None = None,
) -> Inputs:
    """Decide which files to read. ``--data`` names a folder; single files override it.

    Without ``--data``: ``./data`` when it holds targets.yaml, else the shipped data.
    Raises :class:`UsageError` for a missing file or folder.
    """
    packaged = False
    if data is None:
        local = cwd / "data" if cwd is not None else Path("data")
        if (local / TARGETS_FILE).is_file():
            data = local
        else:
            data, packaged = packaged_data_dir(), True
    elif not data.is_dir():
        raise UsageError(f"--data {data}：没有这个文件夹", f"--data {data}: no such folder")
    targets = targets or data / TARGETS_FILE
    tasks = tasks or data / TASKS_FILE
    for path, option in ((targets, "--targets"), (tasks, "--tasks")):
        what = not_regular(path)
        if what is not None:
            raise UsageError(
                f"{option} {path}：不是普通文件（{what[0]}）",
                f"{option} {path}: not a regular file ({what[1]})",
            )
        if not path.is_file():
            raise UsageError(f"{option} {path}：没有这个文件", f"{option} {path}: no such file")
    if actuals:
        for path in actuals:
            if not path.exists():
                raise UsageError(
                    f"--actuals {path}：没有这个文件或文件夹",
                    f"--actuals {path}: no such file or folder",
                )
        found = tuple(actuals)
    else:
        found = tuple(data / name for name in ACTUALS_NAMES if (data / name).exists())
    return Inputs(targets, tasks, found, data, packaged)


@dataclass(frozen=True)
class Loaded:
    plan: Plan | None
    actuals: Actuals | None
    diagnostics: list[Diagnostic]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


def load(
    inputs: Inputs,
    sheet: str | None = None,
    given: Mapping[str, Given] | None = None,
    readings: list[SheetReading] | None = None,
    on_rows: Callable[[str, int], None] | None = None,
    *,
    engine: str = "auto",
) -> Loaded:
    """Load and check the plan, then the actual figures against it (if the plan is sound);
    ``on_rows`` follows the reading, ``engine`` is python, columnar or auto (see
    :func:`~chuangye_cli.reading.read_actuals`)."""
    plan, diagnostics = load_plan(inputs.targets, inputs.tasks)
    if plan is None:
        return Loaded(None, None, diagnostics)
    actuals, found = read_actuals(
        inputs.actuals,
        plan,
        sheet,
        given=given,
        readings=readings,
        on_rows=on_rows,
        engine=engine,
    )
    return Loaded(plan, actuals, diagnostics + found)
