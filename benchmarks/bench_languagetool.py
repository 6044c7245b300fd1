"""LanguageTool inside copylint against LanguageTool alone, on the same warm server.

    python benchmarks/bench_languagetool.py [--size-mb 0.3] [--runs 3] [--url URL]

- overhead: copylint's LanguageTool engine over documents (reading, prose view, mapping and
  merging included) against posting the same prose straight to the server's /v2/check with
  the same options; both in-process, same files, same warm server, runs interleaved;
- one 1,000-word article: `copylint check` (every engine) as a subprocess with a warm server,
  and with a cold one (no server running: copylint starts one for the run and stops it).

The corpus comes from bench_house.py's generator. A server is started for the benchmark unless
--url or $COPYLINT_LANGUAGETOOL_URL names one. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_house import write_corpus

from copylint.config import Config, Selection
from copylint.dialect import variant
from copylint.document import read_document
from copylint.engines.languagetool import LanguageToolEngine, Options
from copylint.languagetool import server
from copylint.languagetool.client import LanguageToolClient
from copylint.pipeline import Linter

COPYLINT = str(Path(sys.executable).with_name("copylint"))


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def article_of(words: int, folder: Path) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.md"))]
    body: list[str] = []
    count = 0
    for text in texts:
        for para in text.split("\n\n"):
            if para.startswith(("---", "#", "|", "```", "-")):
                continue
            body.append(para)
            count += len(para.split())
            if count >= words:
                break
        if count >= words:
            break
    path = folder.parent / "article-1000.md"
    path.write_text("# A thousand words\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=0.3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", default=os.environ.get("COPYLINT_LANGUAGETOOL_URL"))
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp) / "corpus"
        root.mkdir()
        files = write_corpus(root, args.size_mb, seed=1)
        url = args.url or stack.enter_context(server.server_for_run(None))
        texts = {str(p): p.read_text(encoding="utf-8") for p in files}
        docs = [read_document(path, text) for path, text in texts.items()]
        words = sum(len(b.text.split()) for d in docs for b in d.blocks)

        engine = LanguageToolEngine({"url": url})
        config = Config(selection=Selection(("languagetool",), ()))
        linter = Linter(config, [engine])
        client = LanguageToolClient(url)
        options = Options({})

        def through_copylint() -> None:
            for path, text in texts.items():
                linter.lint(path, text)

        def alone() -> None:
            for doc in docs:
                prose = "\n\n".join(b.text for b in doc.blocks if b.text.strip())
                language = variant("en", [prose])
                client.check(prose, language, disabled_rules=options.disabled_rules)

        through_copylint()  # warm the server's caches and rules for both
        # Time inside the server call, measured in the same run as the total: on a busy
        # machine this split is steadier than two separately timed runs.
        in_server = [0.0]
        check = LanguageToolClient.check

        def counted(self: LanguageToolClient, *a: object, **k: object) -> object:
            start = time.perf_counter()
            try:
                return check(self, *a, **k)  # type: ignore[arg-type]
            finally:
                in_server[0] += time.perf_counter() - start

        mine, theirs, outside = [], [], []
        for _ in range(args.runs):
            theirs.append(timed(alone))
            in_server[0] = 0.0
            LanguageToolClient.check = counted  # type: ignore[method-assign,assignment]
            mine.append(timed(through_copylint))
            LanguageToolClient.check = check  # type: ignore[method-assign]
            outside.append(mine[-1] - in_server[0])
        a, c = statistics.median(theirs), statistics.median(mine)
        print(
            f"corpus: {len(files)} articles, {sum(map(len, texts.values())) / 1e6:.2f} MB, {words:,} prose words"
        )
        print(f"{'':44s} {'median s':>9s} {'ratio':>7s}")
        print(f"{'LanguageTool alone (/v2/check, same prose)':44s} {a:9.2f} {1.0:7.2f}")
        print(f"{'copylint LanguageTool engine (in-process)':44s} {c:9.2f} {c / a:7.2f}")
        print(f"overhead, two timings compared: {100 * (c - a) / a:+.1f}%")
        o = statistics.median(outside)
        print(
            f"overhead, same run (time outside the server call / inside): {o:.2f} s, "
            f"{100 * o / (c - o):.1f}%"
        )

        article = article_of(1000, root)
        env = {**os.environ, "COPYLINT_LANGUAGETOOL_URL": url}
        cmd = [COPYLINT, "check", "--no-cache", "--format", "json", str(article)]
        warm = [
            timed(lambda: subprocess.run(cmd, env=env, capture_output=True))
            for _ in range(args.runs)
        ]
        cold_env = {k: v for k, v in os.environ.items() if k != "COPYLINT_LANGUAGETOOL_URL"}
        cold_env["LTP_PATH"] = os.environ.get(
            "LTP_PATH", str(Path.home() / ".cache" / "language_tool_python")
        )
        cold_env["XDG_CACHE_HOME"] = str(Path(tmp) / "no-background-server")
        cold = [
            timed(lambda: subprocess.run(cmd, env=cold_env, capture_output=True))
            for _ in range(max(1, args.runs - 1))
        ]
        print(
            f"one 1,000-word article, every engine: warm server {statistics.median(warm):.2f} s, "
            f"cold (server started and stopped for the run) {statistics.median(cold):.2f} s"
        )
        engine.close()


if __name__ == "__main__":
    main()
