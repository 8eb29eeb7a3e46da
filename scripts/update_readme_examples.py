"""Re-run every ```console example of README.md and write its real output back, and write the
table of diagnostic codes from the catalogue.

Run from the repository root after a change of output:  python scripts/update_readme_examples.py
(tests/test_readme.py and tests/test_catalogue.py fail while the README and the tool disagree.)
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(```console\n\$ (chuangye [^\n]*)\n)(.*?)(```)", re.S)


def output_of(command: str) -> str:
    command, _, pipe = command.partition(" | ")
    argv = [sys.executable, "-m", "chuangye_cli", *shlex.split(command)[1:]]
    # the terminal the tests pin (tests/conftest.py): 200 columns, no colour, Chinese
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("CHUANGYE_LANG", None)
    result = subprocess.run(
        argv, capture_output=True, text=True, cwd=README.parent, env=env, check=False
    )
    lines = [line.rstrip() for line in result.stdout.rstrip("\n").splitlines()]
    if pipe:
        head = re.fullmatch(r"head -(\d+)", pipe.strip())
        if head is None:
            raise SystemExit(f"unsupported pipe: {pipe}")
        lines = lines[: int(head.group(1))]
    return "\n".join(lines) + "\n"


CODES = re.compile(r"(<!-- codes -->\n)(.*?)(<!-- /codes -->)", re.S)


def codes_table() -> str:
    sys.path.insert(0, str(README.parent / "src"))
    from chuangye_cli.catalogue import CATALOGUE

    lines = ["| code | 级别 | 含义 | meaning | 改正方法 |", "|---|---|---|---|---|"]
    for code, entry in CATALOGUE.items():
        severity = {"error": "错误", "warning": "警告", "notice": "提示"}[entry.severity]
        lines.append(
            f"| `{code.value}` | {severity} | {entry.meaning.zh} | {entry.meaning.en} | "
            f"{entry.fix.zh} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    new = BLOCK.sub(lambda m: m.group(1) + output_of(m.group(2)) + m.group(4), text)
    new = CODES.sub(lambda m: m.group(1) + codes_table() + m.group(3), new)
    README.write_text(new, encoding="utf-8")
    print("README.md " + ("updated" if new != text else "unchanged"))


if __name__ == "__main__":
    main()
