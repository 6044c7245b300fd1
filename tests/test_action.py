"""Structural tests of action.yml and the CI examples in docs/ci.md (no network, nothing runs)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parent.parent
ACTION = ROOT / "action.yml"
DOCS = ROOT / "docs" / "ci.md"
INPUTS = {"paths", "args", "format", "sarif-file", "languagetool", "python-version"}
_INPUT_REF = re.compile(r"\binputs\.([A-Za-z0-9_-]+)|\binputs\[['\"]([^'\"]+)['\"]\]")
_ENV_REF = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)")


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def strings(node: object) -> list[str]:
    """Every string value in a parsed YAML tree."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def referenced_inputs(node: object) -> set[str]:
    return {a or b for s in strings(node) for a, b in _INPUT_REF.findall(s)}


def steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action["runs"]["steps"]
    return found


def step(action: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in steps(action) if s.get("name") == name)


def test_is_a_composite_action_with_the_documented_inputs(action: dict[str, Any]) -> None:
    assert action["name"] == "copylint"
    assert action["description"]
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == INPUTS
    for name, spec in action["inputs"].items():
        assert spec["description"], name
        assert isinstance(spec.get("default"), str), f"{name}: defaults are strings in actions"
    assert action["inputs"]["format"]["default"] == "github"
    assert action["inputs"]["languagetool"]["default"] == "false"
    assert action["inputs"]["sarif-file"]["default"] == ""


def test_every_referenced_input_is_defined_and_every_input_is_used(
    action: dict[str, Any],
) -> None:
    used = referenced_inputs(action["runs"])
    assert used, "the regex should find the inputs the steps use"
    assert used <= set(action["inputs"]), used - set(action["inputs"])
    assert set(action["inputs"]) <= used, set(action["inputs"]) - used


def test_the_reference_check_can_fail() -> None:
    assert referenced_inputs({"run": "echo ${{ inputs.nope }}", "if": "inputs['x'] == 1"}) == {
        "nope",
        "x",
    }


def test_run_steps_have_a_shell_and_take_inputs_only_through_env(action: dict[str, Any]) -> None:
    for s in steps(action):
        assert ("run" in s) != ("uses" in s), s.get("name")
        if "run" in s:
            assert s.get("shell") == "bash", s.get("name")
            # ${{ inputs.x }} pasted into a script is a shell-injection hole.
            assert "inputs." not in s["run"], s.get("name")
            used_env = {v for v in _ENV_REF.findall(s["run"]) if v.startswith("INPUT_")}
            assert used_env <= set(s.get("env", {})), s.get("name")
        else:
            assert re.search(r"@(v\d+(\.\d+)*|[0-9a-f]{40})$", s["uses"]), s["uses"]


def test_scripts_are_valid_bash(action: dict[str, Any]) -> None:
    for s in steps(action):
        if "run" in s:
            script = s["run"].replace("${{ github.action_path }}", "/action")
            out = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
            assert out.returncode == 0, f"{s.get('name')}: {out.stderr}"


def test_install_from_the_action_and_python_version(action: dict[str, Any]) -> None:
    python = next(s for s in steps(action) if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "${{ inputs.python-version }}"
    install = step(action, "Install copylint")
    assert (
        'pip install --disable-pip-version-check --quiet "${{ github.action_path }}"'
        in (install["run"])
    )
    assert steps(action).index(python) < steps(action).index(install)


def test_languagetool_steps_are_conditional(action: dict[str, Any]) -> None:
    java = next(s for s in steps(action) if s.get("uses", "").startswith("actions/setup-java@"))
    assert java["with"]["java-version"] == "17"
    lt = step(action, "Install and start LanguageTool")
    assert "copylint languagetool install" in lt["run"]
    assert "copylint languagetool start" in lt["run"]
    for s in (java, step(action, "Cache LanguageTool"), lt):
        assert s["if"] == "inputs.languagetool == 'true'"
    check = step(action, "Check the articles")
    assert "--ignore languagetool" in check["run"]


def test_sarif_is_written_and_uploaded_only_when_asked(action: dict[str, Any]) -> None:
    write = step(action, "Write the SARIF report")
    upload = step(action, "Upload the SARIF report")
    assert write["if"] == upload["if"] == "inputs.sarif-file != ''"
    assert '--format sarif --output "$INPUT_SARIF_FILE"' in write["run"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    # the check whose exit status fails the job runs last, after the upload
    order = [s.get("name") for s in steps(action)]
    assert order.index("Write the SARIF report") < order.index("Upload the SARIF report")
    assert order[-1] == "Check the articles"


def test_check_uses_the_format_input(action: dict[str, Any]) -> None:
    check = step(action, "Check the articles")
    assert check["env"]["INPUT_FORMAT"] == "${{ inputs.format }}"
    assert 'copylint check --format "$INPUT_FORMAT"' in check["run"]
    assert "|| " not in check["run"], "its exit status must fail the step"


# --- docs/ci.md ---------------------------------------------------------------------------------


def yaml_blocks(text: str) -> list[Any]:
    return [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def test_docs_github_workflow_uses_the_action_with_known_inputs() -> None:
    workflow = next(b for b in yaml_blocks(DOCS.read_text(encoding="utf-8")) if "jobs" in b)
    uses = [
        s
        for job in workflow["jobs"].values()
        for s in job["steps"]
        if "copylint" in s.get("uses", "")
    ]
    (the_action,) = uses
    assert set(the_action["with"]) <= INPUTS
    assert workflow["permissions"]["security-events"] == "write"


def test_docs_gitlab_job_writes_a_code_quality_report() -> None:
    blocks = yaml_blocks(DOCS.read_text(encoding="utf-8"))
    job = next(b["copylint"] for b in blocks if "copylint" in b and "script" in b["copylint"])
    (command,) = [c for c in job["script"] if c.startswith("copylint check")]
    assert "--format gitlab" in command
    report = command.split("--output ", 1)[1].split()[0]
    assert job["artifacts"]["reports"]["codequality"] == report
    assert job["artifacts"]["when"] == "always"
