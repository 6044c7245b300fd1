"""atheris target: readers + source map + house rules + fix application (fuzz/invariants.py).

.venv/bin/python fuzz/fuzz_document.py -max_total_time=300 fuzz/corpus/document
"""

from __future__ import annotations

import sys

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports(include=["copylint"]):
    import invariants


def test_one_input(data: bytes) -> None:
    invariants.check_document(data)


if __name__ == "__main__":
    invariants.linter()  # load the rules before fuzzing starts
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
