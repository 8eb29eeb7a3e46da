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
        self.suppressed = 0
        self.error_count = 0

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity == "error":
            self.error_count += 1
        if len(self.items) < self.limit:
            self.items.append(diagnostic)
        else:
            self.suppressed += 1

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
        """The kept diagnostics, with a closing note when some were not kept."""
        if not self.suppressed:
            return list(self.items)
        return [
            *self.items,
            Diagnostic(
                "too-many-problems",
                "error" if self.has_errors else "warning",
                f"{self.suppressed} more problems not listed (only the first {self.limit} are shown)",
            ),
        ]


class DataError(Exception):
    """The input data has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{sum(d.severity == 'error' for d in diagnostics)} error(s) in the data")
        self.diagnostics = diagnostics


class UsageError(Exception):
    """The command was called wrongly: a bad option value or a missing file (exit code 2)."""
