"""Provisioning: the manifest-only jar, the Maven pom, the staging swap, the real install."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from copylint.languagetool import install as inst
from copylint.languagetool import server


def _manifest_attributes(raw: bytes) -> dict[str, str]:
    lines: list[str] = []
    for line in raw.decode().split("\r\n"):
        if line.startswith(" "):
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return dict(line.split(": ", 1) for line in lines)


def test_manifest_lines_are_at_most_72_bytes_and_unfold() -> None:
    jars = [f"very-long-artifact-name-number-{i}-with-a-version-1.2.3.jar" for i in range(40)]
    raw = inst.manifest(jars)
    assert all(len(line) <= 72 for line in raw.split(b"\r\n"))
    attrs = _manifest_attributes(raw)
    assert attrs["Class-Path"].split(" ") == [f"libs/{j}" for j in sorted(jars)]
    assert attrs["Main-Class"] == "org.languagetool.server.HTTPServer"


def test_manifest_never_splits_a_multibyte_character_badly() -> None:
    raw = inst.manifest(["é" * 100 + ".jar"])
    assert all(len(line) <= 72 for line in raw.split(b"\r\n"))


def test_launcher_jar_holds_only_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "libs").mkdir()
    for name in ("b.jar", "a.jar"):
        (tmp_path / "libs" / name).write_bytes(b"")
    jar = inst.write_launcher_jar(tmp_path)
    with zipfile.ZipFile(jar) as z:
        assert z.namelist() == ["META-INF/MANIFEST.MF"]
        assert _manifest_attributes(z.read("META-INF/MANIFEST.MF"))["Class-Path"] == (
            "libs/a.jar libs/b.jar"
        )


def test_pom_excludes_language_all_and_adds_modules() -> None:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.fromstring(inst._pom("6.8", ("ca", "en", "es", "pt")))
    deps = root.findall("m:dependencies/m:dependency", ns)
    ids = [d.findtext("m:artifactId", namespaces=ns) for d in deps]
    assert ids == [
        "languagetool-server",
        "language-ca",
        "language-en",
        "language-es",
        "language-pt",
    ]
    assert {d.findtext("m:version", namespaces=ns) for d in deps} == {"6.8"}
    excluded = [
        e.findtext("m:artifactId", namespaces=ns) for e in deps[0].iter(f"{{{ns['m']}}}exclusion")
    ]
    assert excluded == ["language-all"]


@pytest.mark.parametrize(
    ("languages", "modules"),
    [
        (["en-US"], ("ca", "en", "es", "pt")),
        (["en-GB", "de-DE"], ("ca", "de", "en", "es", "pt")),
        (["fr"], ("ca", "en", "es", "fr", "pt")),
    ],
)
def test_needed_modules(languages: list[str], modules: tuple[str, ...]) -> None:
    assert inst.needed_modules(languages) == modules


def test_bad_language() -> None:
    with pytest.raises(inst.InstallError, match="bad language"):
        inst.module_for("english please")


def _fake_mvn(tmp_path: Path, script: str) -> str:
    mvn = tmp_path / "bin" / "mvn"
    mvn.parent.mkdir(exist_ok=True)
    mvn.write_text("#!/bin/sh\n" + script)
    mvn.chmod(0o755)
    return str(mvn)


def test_maven_layout_and_swap(tmp_path: Path) -> None:
    # A stand-in `mvn` that "resolves" two jars: only the layout and the swap are under test.
    mvn = _fake_mvn(
        tmp_path,
        'for a in "$@"; do case "$a" in -DoutputDirectory=*) d="${a#-DoutputDirectory=}";; esac; done\n'
        'mkdir -p "$d" && touch "$d/languagetool-server-9.9.jar" "$d/language-en-9.9.jar"\n',
    )
    root = tmp_path / "lt"
    old = root / "LanguageTool-9.9"
    old.mkdir(parents=True)
    (old / "stale.txt").write_text("old install")
    path = inst.install_with_maven(mvn, "9.9", ("en",), root, lambda _: None)
    assert path == old
    assert not (path / "stale.txt").exists()
    assert sorted(p.name for p in (path / "libs").iterdir()) == [
        "language-en-9.9.jar",
        "languagetool-server-9.9.jar",
    ]
    assert (path / "languagetool-server.jar").is_file()
    assert inst._installed_modules(path) == {"en"}
    assert sorted(p.name for p in root.iterdir()) == ["LanguageTool-9.9"]  # no staging left


def test_maven_failure_is_one_line(tmp_path: Path) -> None:
    mvn = _fake_mvn(
        tmp_path,
        'echo "[ERROR] Failed to execute goal on project languagetool-bundle: Could not resolve '
        'dependencies for project" >&2\necho "[ERROR] more detail" >&2\nexit 1\n',
    )
    with pytest.raises(inst.InstallError) as info:
        inst.install_with_maven(mvn, "9.9", ("en",), tmp_path / "lt", lambda _: None)
    assert str(info.value).startswith("Maven failed (exit 1): Failed to execute goal")
    assert "\n" not in str(info.value)
    assert list((tmp_path / "lt").iterdir()) == []


# The real install --------------------------------------------------------------------------


@pytest.mark.languagetool
def test_installed_layout_is_what_language_tool_python_starts() -> None:
    found = server.find_install()
    assert found.path.parent == server.ltp_path()
    assert found.path.name == f"LanguageTool-{found.version}"
    assert found.version.startswith("6.")
    from language_tool_python.download_lt import LocalLanguageTool

    local = LocalLanguageTool.from_path(found.path)
    assert local.get_jar_path() == found.path / "languagetool-server.jar"
    if (found.path / inst.MARKER).exists():  # assembled by Maven
        libs = {p.name.rsplit("-", 1)[0] for p in (found.path / "libs").glob("*.jar")}
        assert {"languagetool-server", "language-en", "language-es"} <= libs
        assert "language-all" not in libs


@pytest.mark.languagetool
def test_install_again_fetches_nothing() -> None:
    result = inst.install(("en-US",), check=False)
    assert result.method == "already installed"


@pytest.mark.languagetool
@pytest.mark.slow
def test_language_tool_python_local_mode_uses_the_install(
    lt_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # language-tool-python 3.4 starts the jar itself: the layout is its contract too.
    import language_tool_python

    found = server.find_install()
    monkeypatch.setenv("LTP_PATH", str(found.path.parent))
    tool = language_tool_python.LanguageTool("en-US", language_tool_download_version=found.version)
    try:
        assert [m.rule_id for m in tool.check("This is an test.")] == ["EN_A_VS_AN"]
    finally:
        tool.close()
