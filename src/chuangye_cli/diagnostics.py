"""Problems found in the input, as values with a stable code and a location."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: a stable ``code``, a severity, a message and where it was found."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    count: int = 1  # how many problems this entry stands for (more than 1 in a summary entry)

    @property
    def location(self) -> str:
        """``file:line:column`` with the parts that are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}[{self.code}]: {self.message}"


class Collector:
    """Gathers diagnostics, keeping at most ``limit`` of them and counting the rest."""

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self.items: list[Diagnostic] = []
        self.suppressed: dict[Severity, int] = {"error": 0, "warning": 0}
        self.error_count = 0

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity == "error":
            self.error_count += 1
        if len(self.items) < self.limit:
            self.items.append(diagnostic)
        else:
            self.suppressed[diagnostic.severity] += 1

    def error(
        self,
        code: str,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.add(Diagnostic(code, "error", message, file, line, column))

    def warning(
        self,
        code: str,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.add(Diagnostic(code, "warning", message, file, line, column))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        for d in diagnostics:
            self.add(d)

    @property
    def has_errors(self) -> bool:
        return self.error_count > 0

    def result(self) -> list[Diagnostic]:
        """The kept diagnostics, with a summary entry per severity for those not kept."""
        summaries = [
            Diagnostic(
                "too-many-problems",
                severity,
                f"{count} more {severity}s not listed (only the first {self.limit} problems "
                "are shown)",
                count=count,
            )
            for severity, count in self.suppressed.items()
            if count
        ]
        return [*self.items, *summaries]


def tally(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings), counting what summary entries stand for."""
    errors = sum(d.count for d in diagnostics if d.severity == "error")
    return errors, sum(d.count for d in diagnostics) - errors


class DataError(Exception):
    """The input data has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{tally(diagnostics)[0]} error(s) in the data")
        self.diagnostics = diagnostics


class UsageError(Exception):
    """The command was called wrongly: a bad option value or a missing file (exit code 2)."""
