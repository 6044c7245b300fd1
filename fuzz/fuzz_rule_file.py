"""atheris target: a rule file's YAML, schema and regexes load or fail with RuleFileError only.

.venv/bin/python fuzz/fuzz_rule_file.py -max_total_time=120 fuzz/corpus/rule_file
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports(include=["copylint"]):
    import invariants

FOLDER = Path(tempfile.gettempdir())


def test_one_input(data: bytes) -> None:
    invariants.check_rule_file(data, FOLDER)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
