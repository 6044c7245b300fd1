"""Rule files (rules/**/*.yaml) into registered house rules; every error names its file and line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from copylint.diagnostics import Category, Severity
from copylint.engines.base import RuleInfo
from copylint.house.examples import Example
from copylint.house.kinds import (
    BUILDERS,
    DEFAULT_CATEGORY,
    KeyPath,
    RuleSpec,
    SpecError,
    TriggerIndex,
    scope_of,
)
from copylint.house.rule import HouseRule

__all__ = [
    "RuleFileError",
    "load_rule_file",
    "load_rules",
    "rule_files",
    "shipped_rules_dir",
]

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml when built in; all strings
DATA_FILE_KEY = "data-for"  # a YAML file under rules/ that a Python rule reads, not a rule
_SUFFIXES = (".yaml", ".yml")


class RuleFileError(Exception):
    """A rule file that cannot be loaded; str() is one line, "path:line: message"."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


def shipped_rules_dir() -> Path:
    """The default house style: copylint/_rules in a wheel, <repo>/rules in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_rules"
    if installed.is_dir():
        return installed
    return package.parent / "rules"


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads((shipped_rules_dir() / "schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


# --------------------------------------------------------------------------- YAML, all strings


def _construct(node: yaml.Node, where: KeyPath, lines: dict[KeyPath, int], path: Path) -> Any:
    """Plain data from a node tree built by BaseLoader: every scalar stays a string."""
    lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*where, i), lines, path) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise RuleFileError(path, line, "a mapping key must be plain text")
            key = str(key_node.value)
            if key in result:
                raise RuleFileError(path, line, f"key {key!r} appears twice")
            lines[(*where, key)] = line
            result[key] = _construct(value_node, (*where, key), lines, path)
        return result
    raise RuleFileError(path, node.start_mark.line + 1, "unexpected YAML node")  # pragma: no cover


def read_yaml(path: Path, text: str | None = None) -> tuple[Any, dict[KeyPath, int]]:
    """The file's data with every scalar a string, and the line of every key and item."""
    try:
        source = path.read_text(encoding="utf-8") if text is None else text
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, 1, f"cannot read the file: {exc}") from None
    try:
        node = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleFileError(path, line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, 1, f"invalid YAML: {exc}") from None
    if node is None:
        raise RuleFileError(path, 1, "the file is empty")
    lines: dict[KeyPath, int] = {}
    return _construct(node, (), lines, path), lines


# --------------------------------------------------------------------------- one file


def _schema_error(path: Path, data: Any, lines: dict[KeyPath, int]) -> RuleFileError | None:
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where: KeyPath = tuple(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [k for k in error.instance if k not in known]
        if extra:
            where = (*where, extra[0])
            message = f"unknown key {extra[0]!r}"
    if error.validator == "oneOf" and error.absolute_path and error.absolute_path[0] == "examples":
        message = (
            "an example is one of {bad: …, fixed: …}, {good: …} or {known-false-positive: …} "
            "(bad marks its span <<like this>>; each may carry a note)"
        )
    spec = RuleSpec(name="", path=str(path), data={}, lines=lines)
    place = ".".join(str(p) for p in error.absolute_path)
    if place and not message.startswith("unknown key"):
        message = f"{place}: {message}"
    return RuleFileError(path, spec.line_of(where), message)


def _examples(spec: RuleSpec) -> tuple[Example, ...]:
    examples: list[Example] = []
    for i, item in enumerate(spec.data["examples"]):
        try:
            if "bad" in item:
                examples.append(Example.bad(item["bad"], item.get("fixed"), item.get("fix")))
            elif "good" in item:
                examples.append(Example.good(item["good"]))
            else:
                examples.append(Example.known_false_positive(item["known-false-positive"]))
        except ValueError as exc:
            raise SpecError(("examples", i), str(exc)) from None
        if "bad" in item:
            if spec.fix is None and "fixed" in item:
                raise SpecError(("examples", i), "a rule without a fix has no `fixed` text")
            if spec.fix is not None and spec.fix.label != "display-only" and "fixed" not in item:
                raise SpecError(("examples", i), "a bad example of a fixing rule needs `fixed`")
    kinds = {e.kind.value for e in examples}
    if not {"bad", "good"} <= kinds:
        raise SpecError(("examples",), "a rule needs at least one bad and one good example")
    return tuple(examples)


def _summary(spec: RuleSpec) -> str:
    if "summary" in spec.data:
        return str(spec.data["summary"])
    data = spec.data
    if spec.kind == "substitution":
        key, value = next(iter(data["swap"].items()))
        first = value if isinstance(value, str) else value[0]
        return f"Prefer “{first}” to “{key}”." if first else f"Drop “{key}”."
    if spec.kind == "consistency":
        left, right = next(iter(data["either"].items()))
        return f"“{left}” or “{right}”: one form per article."
    tokens: list[str] = data.get("tokens") or data["patterns"]
    return f"Flag “{tokens[0]}”."


def _build(spec: RuleSpec, index: TriggerIndex) -> HouseRule:
    examples = _examples(spec)
    fix = spec.fix
    summary = _summary(spec)
    doc = f"{summary}\n\n{spec.data['why']}"
    if fix is not None:
        doc += f"\n\nFix safety: {fix.label}."
    info = RuleInfo(
        id=f"house/{spec.name}",
        category=Category(spec.data["category"])
        if "category" in spec.data
        else DEFAULT_CATEGORY[spec.kind],
        severity=Severity.parse(spec.data.get("severity", "warning")),
        fix=fix,
        summary=summary,
        doc=doc,
        examples=examples,
        enabled=spec.flag("enabled", True),
    )
    return HouseRule(
        info=info,
        message=str(spec.data["message"]),
        scope=scope_of(spec),
        # Every kind reads the whole document: one pass over its words tells all the data
        # rules of one index which blocks they may hit, and each reads only those.
        document_check=BUILDERS[spec.kind](spec, index),
        source=spec.path,
        options={"kind": spec.kind, "path": spec.path},
    )


def load_rule_file(
    path: Path,
    text: str | None = None,
    *,
    validate: bool = True,
    index: TriggerIndex | None = None,
) -> HouseRule | None:
    """One rule file as a HouseRule (None for a data file a Python rule reads).

    validate=False skips the JSON Schema: only for the shipped rules, which the test suite and
    `copylint rules verify` validate (it saves a third of a second on every run)."""
    data, lines = read_yaml(path, text)
    if isinstance(data, dict) and DATA_FILE_KEY in data:
        return None
    error = _schema_error(path, data, lines) if validate else None
    if error is not None:
        raise error
    spec = RuleSpec(name=data["name"], path=str(path), data=data, lines=lines)
    if spec.name != path.stem:
        raise RuleFileError(
            path, spec.line_of(("name",)), f"name {spec.name!r} must equal the file name"
        )
    try:
        return _build(spec, index if index is not None else TriggerIndex())
    except SpecError as exc:
        raise RuleFileError(
            path, spec.line_of(exc.where), f"house/{spec.name}: {exc.message}"
        ) from None


# --------------------------------------------------------------------------- folders


def rule_files(directory: Path) -> list[Path]:
    """Every YAML file under a folder, in a stable order."""
    if not directory.is_dir():
        raise RuleFileError(directory, 1, "no such rules folder")
    return sorted(p for p in directory.rglob("*") if p.suffix in _SUFFIXES and p.is_file())


def load_rules(
    dirs: Iterable[Path], *, validate: bool = True, index: TriggerIndex | None = None
) -> list[HouseRule]:
    """The rules of every file in the folders; a name used twice is an error naming both.
    They share `index` (a new one when None): one scan of a document serves them all."""
    index = index if index is not None else TriggerIndex()
    rules: list[HouseRule] = []
    seen: dict[str, HouseRule] = {}
    for directory in dirs:
        for path in rule_files(Path(directory)):
            rule = load_rule_file(path, validate=validate, index=index)
            if rule is None:
                continue
            if rule.name in seen:
                raise RuleFileError(
                    path, 1, f"rule {rule.name!r} is already defined in {seen[rule.name].source}"
                )
            seen[rule.name] = rule
            rules.append(rule)
    return rules
