"""Provision LanguageTool 6 from Maven Central (or language-tool-python's zip) under LTP_PATH.

With `mvn` on the PATH, Maven resolves `org.languagetool:languagetool-server` (without
`language-all`, every language at once, hundreds of MB) plus the language modules needed, with
their dependencies, into `$LTP_PATH/LanguageTool-<version>/libs/`. Beside it goes
`languagetool-server.jar`, a jar holding only a manifest whose `Class-Path` lists those jars:
exactly the layout language-tool-python's local mode starts (`java -cp
LanguageTool-<v>/languagetool-server.jar org.languagetool.server.HTTPServer`), and the one
copylint's own server code starts. Maven's ~/.m2 caches every download, so a second install
fetches nothing.

Besides the languages asked for, Spanish, Catalan and Portuguese are always installed:
LanguageTool 6.8's language identifier (`CommonWordsDetector`, built when the server starts)
looks them up in static fields and the server dies at start-up without them.

Without Maven, language-tool-python's own download (the official zip, every language) is used.
Either way, the install is verified by starting it and checking a sentence.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from copylint.languagetool import server
from copylint.languagetool.client import LanguageToolClient, LanguageToolError

GROUP = "org.languagetool"
VERSION_RANGE = "[6.0,7.0)"  # LanguageTool 6.x, the newest Maven Central has
FALLBACK_VERSION = "6.8"  # language-tool-python 3.4's download
ALWAYS = ("en", "es", "ca", "pt")  # en: the default; es, ca, pt: see the module docstring
MARKER = "copylint-install.json"
_VERIFY = {"en": ("This is an test.", "EN_A_VS_AN")}
_MAVEN_TIMEOUT = 1800  # seconds

Log = Callable[[str], None]


class InstallError(Exception):
    """LanguageTool could not be installed; the message is one line."""


@dataclass(frozen=True, slots=True)
class InstallResult:
    """What `install` did: where, which version, how, and what it checked."""

    path: Path
    version: str
    method: str  # "maven" | "language-tool-python" | "already installed"
    modules: tuple[str, ...]
    verified: str = ""


def module_for(language: str) -> str:
    """The language module code of a language tag: en-GB → en, de-DE-x-simple-language → de."""
    code = language.strip().split("-")[0].lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InstallError(f"bad language {language!r} (expected a tag like en-US or de-DE)")
    return code


def needed_modules(languages: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ALWAYS) | {module_for(lang) for lang in languages}))


def _installed_modules(path: Path) -> set[str]:
    try:
        return set(json.loads((path / MARKER).read_text())["modules"])
    except (OSError, ValueError, KeyError, TypeError):
        # language-tool-python's zip holds every language
        return {"*"} if (path / "languagetool-server.jar").is_file() else set()


def _covers(path: Path, modules: Iterable[str]) -> bool:
    have = _installed_modules(path)
    return "*" in have or set(modules) <= have


# Maven ----------------------------------------------------------------------------------


def _pom(version: str, modules: Iterable[str], *, server_only: bool = False) -> str:
    server_exclusions = (
        "<exclusion><groupId>*</groupId><artifactId>*</artifactId></exclusion>"
        if server_only
        else f"<exclusion><groupId>{GROUP}</groupId><artifactId>language-all</artifactId>"
        "</exclusion>"
    )
    deps = [
        f"<dependency><groupId>{GROUP}</groupId><artifactId>languagetool-server</artifactId>"
        f"<version>{escape(version)}</version><exclusions>{server_exclusions}</exclusions>"
        "</dependency>"
    ]
    if not server_only:
        deps += [
            f"<dependency><groupId>{GROUP}</groupId><artifactId>language-{m}</artifactId>"
            f"<version>{escape(version)}</version></dependency>"
            for m in modules
        ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>copylint.provision</groupId>\n"
        "  <artifactId>languagetool-bundle</artifactId>\n"
        "  <version>1</version>\n"
        "  <packaging>pom</packaging>\n"
        f"  <dependencies>\n    {chr(10).join(deps)}\n  </dependencies>\n"
        "</project>\n"
    )


def _mvn(mvn: str, folder: Path, *goal: str) -> None:
    cmd = [mvn, "-B", "-q", "-f", str(folder / "pom.xml"), *goal]
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=_MAVEN_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise InstallError(f"Maven did not finish within {_MAVEN_TIMEOUT} s") from None
    except OSError as e:
        raise InstallError(f"cannot run Maven ({mvn}): {e}") from None
    if out.returncode != 0:
        lines = [ln for ln in (out.stdout + out.stderr).splitlines() if "[ERROR]" in ln]
        detail = re.sub(r"\x1b\[[0-9;]*m", "", lines[0] if lines else "").replace("[ERROR]", "")
        raise InstallError(f"Maven failed (exit {out.returncode}): {detail.strip()[:300]}")


def newest_version(mvn: str) -> str:
    """The newest LanguageTool 6.x release on Maven Central (a version range, resolved)."""
    with tempfile.TemporaryDirectory(prefix="copylint-lt-") as tmp:
        folder = Path(tmp)
        (folder / "pom.xml").write_text(_pom(VERSION_RANGE, (), server_only=True))
        listing = folder / "deps.txt"
        _mvn(mvn, folder, "dependency:list", f"-DoutputFile={listing}", "-DincludeScope=runtime")
        m = re.search(
            rf"{re.escape(GROUP)}:languagetool-server:jar:([\w.\-]+):", listing.read_text()
        )
    if not m:
        raise InstallError("Maven did not resolve a LanguageTool 6 version")
    return m[1]


def manifest(jars: Iterable[str]) -> bytes:
    """A MANIFEST.MF whose Class-Path lists jars: lines of at most 72 bytes, continuations
    starting with a space."""

    def wrapped(line: str) -> bytes:
        raw = line.encode()
        parts = [raw[:72]]
        raw = raw[72:]
        while raw:
            parts.append(b" " + raw[:71])
            raw = raw[71:]
        return b"\r\n".join(parts) + b"\r\n"

    class_path = " ".join(f"libs/{j}" for j in sorted(jars))
    return (
        b"Manifest-Version: 1.0\r\n"
        + wrapped("Created-By: copylint languagetool install")
        + wrapped(f"Main-Class: {server._MAIN_CLASS}")
        + wrapped(f"Class-Path: {class_path}")
        + b"\r\n"
    )


def write_launcher_jar(folder: Path) -> Path:
    """`folder/languagetool-server.jar`: a manifest-only jar over folder/libs/*.jar."""
    jars = sorted(p.name for p in (folder / "libs").glob("*.jar"))
    if not jars:
        raise InstallError(f"no jars in {folder / 'libs'}")
    jar = folder / "languagetool-server.jar"
    with zipfile.ZipFile(jar, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", manifest(jars))
    return jar


def install_with_maven(
    mvn: str, version: str, modules: tuple[str, ...], root: Path, log: Log
) -> Path:
    """Resolve the server and modules into a staging folder, then move it into place."""
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"LanguageTool-{version}"
    staging = Path(tempfile.mkdtemp(prefix=f".LanguageTool-{version}.", dir=root))
    try:
        (staging / "pom.xml").write_text(_pom(version, modules))
        log(f"Resolving LanguageTool {version} ({', '.join(modules)}) with Maven…")
        _mvn(
            mvn,
            staging,
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging / 'libs'}",
            "-DincludeScope=runtime",
        )
        write_launcher_jar(staging)
        (staging / MARKER).write_text(
            json.dumps({"version": version, "modules": list(modules), "method": "maven"})
        )
        old = None
        if target.exists():
            old = root / f".{target.name}.old.{os.getpid()}"
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def install_with_ltp(version: str, root: Path, log: Log) -> Path:
    """language-tool-python's own download: the official zip, every language."""
    if os.environ.get("LTP_JAR_DIR_PATH"):
        raise InstallError(
            "LTP_JAR_DIR_PATH is set: language-tool-python will not download; unset it"
        )
    try:
        from language_tool_python.download_lt import LocalLanguageTool
    except ImportError:
        raise InstallError(
            "neither Maven nor language-tool-python is available to download LanguageTool"
        ) from None
    log(f"Maven not found; downloading LanguageTool {version} with language-tool-python…")
    os.environ["LTP_PATH"] = str(root)
    try:
        LocalLanguageTool.from_version_name(version).download()
    except Exception as e:  # it raises requests, path and Java errors of many kinds
        raise InstallError(f"language-tool-python's download failed: {_one_line(e)}") from None
    return root / f"LanguageTool-{version}"


def _one_line(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}"[:300]


# Verification ---------------------------------------------------------------------------


def verify(path: Path, language: str = "en-US", *, heap: str | None = None) -> str:
    """Start the install on a free port, check a sentence, stop it; what was checked."""
    jar = next((path / j for j in server._JARS if (path / j).is_file()), None)
    if jar is None:
        raise InstallError(f"no languagetool-server.jar in {path}")
    inst = server.Install(path, jar, path.name.removeprefix("LanguageTool-"))
    start = time.monotonic()
    try:
        proc, info = server.launch(install=inst, heap=heap, tied=True)
    except server.ServerError as e:
        raise InstallError(f"the install at {path} does not start: {e}") from None
    ready = time.monotonic() - start
    try:
        module = module_for(language)
        sentence, rule = _VERIFY.get(module, ("", ""))
        client = LanguageToolClient(info.url)
        if not sentence:
            client.check("Hello.", language)
            return f"LanguageTool {inst.version} answered for {language} (ready in {ready:.1f} s)"
        ids = [m.rule_id for m in client.check(sentence, language)]
        if rule not in ids:
            raise InstallError(f"LanguageTool did not flag {sentence!r} with {rule} (got {ids})")
        return f"“{sentence}” → {rule} (ready in {ready:.1f} s)"
    except LanguageToolError as e:
        raise InstallError(str(e)) from None
    finally:
        server.stop_tied(proc, info)


# The command ----------------------------------------------------------------------------


def install(
    languages: Iterable[str] = ("en-US",),
    *,
    version: str | None = None,
    upgrade: bool = False,
    use_maven: bool | None = None,
    check: bool | None = None,
    log: Log = lambda _: None,
) -> InstallResult:
    """Make sure LanguageTool 6 with these languages is installed under LTP_PATH.

    Fast when it already is: without `version` or `upgrade`, an existing install that covers
    the languages is kept and nothing is fetched. Java is checked first: without it nothing
    could run what is downloaded. `check`: verify by checking a sentence (None: only what was
    just installed).
    """
    languages = tuple(languages) or ("en-US",)
    modules = needed_modules(languages)
    root = server.ltp_path()
    try:
        server.check_java()
    except server.ServerError as e:
        raise InstallError(str(e)) from None

    if not upgrade:
        for existing in server.installs(root):
            if (version is None or existing.version == version) and _covers(existing.path, modules):
                verified = verify(existing.path, languages[0]) if check else ""
                return InstallResult(
                    existing.path, existing.version, "already installed", modules, verified
                )

    mvn = shutil.which("mvn") if use_maven is not False else None
    if use_maven and mvn is None:
        raise InstallError("Maven (`mvn`) is not on the PATH")
    if mvn is not None:
        version = version or newest_version(mvn)
        for existing in server.installs(root):
            if existing.version == version:  # keep the modules already there
                have = _installed_modules(existing.path) - {"*"}
                modules = tuple(sorted(set(modules) | have))
        path = install_with_maven(mvn, version, modules, root, log)
        method = "maven"
    else:
        version = version or FALLBACK_VERSION
        path = install_with_ltp(version, root, log)
        method = "language-tool-python"
    verified = verify(path, languages[0]) if check is not False else ""
    return InstallResult(path, version, method, modules, verified)
