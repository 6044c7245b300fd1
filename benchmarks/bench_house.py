"""Speed and memory of `copylint check --select house` on a generated Markdown corpus.

    python benchmarks/bench_house.py [--size-mb 5] [--runs 3] [--seed 1] [--keep DIR] [--profile]

It writes a deterministic corpus of Markdown articles (front matter, headings, paragraphs with
emphasis, links and inline code, lists, block quotes, tables, fenced code, footnotes, and a
few planted mistakes), then times, as the median of --runs:
- `copylint check --select house --format json -j 1` as a subprocess (one core, start-up
  included), and again with copylint's default -j (every core);
- start-up alone: the same command on one tiny file;
- in-process, on the texts already in memory: the reader alone (read_document), and the
  reader plus the house rules (Linter.lint), which shows where the time goes.
Peak RSS is the child's ru_maxrss from wait4. Words are the words of the prose view (code,
URLs and front matter left out). The figures are printed; nothing is asserted. --profile adds
a cProfile of the in-process house run, the hottest functions first.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from copylint.config import Config, with_overrides
from copylint.document import read_document
from copylint.pipeline import Linter

COPYLINT = str(Path(sys.executable).with_name("copylint"))
WORD = re.compile(r"\w+(?:['’]\w+)*")


def _words(text: str) -> list[str]:
    return text.split()


# Plain American English, so that the house rules have little to say about the text itself.
NOUNS = _words("""
    account action answer article author balance board book budget camera center change
    chapter city claim coast committee community company council country court crowd data
    decade decision design detail director district doctor draft economy editor effect
    election energy evening evidence family farmer festival field film future garden
    government group harbor history hospital house idea industry island issue journal
    kitchen lake language law leader letter library market meeting member memory minister
    model morning museum music nation network newspaper night north office opinion owner
    painter paper parent park party patient people period picture plan player policy port
    price problem process program project question railway reader record region report
    result river road room rule school science season service shop society source south
    station story street student study summer system teacher team theater town trade
    tradition train valley village voice water week window winter worker writer year
""")
VERBS = _words("""
    accepted added agreed allowed announced answered argued arrived asked built called
    carried changed checked chose closed collected completed considered continued covered
    created decided described designed developed discussed explained faced followed found
    gathered helped improved included joined kept learned left listened looked managed
    moved noticed offered opened ordered paid planned prepared presented produced promised
    published raised reached received recorded reduced remembered repaired replaced
    reported returned reviewed shared showed signed started studied suggested supported
    told traveled tried turned visited waited walked watched welcomed wrote
""")
ADJECTIVES = _words("""
    able active ancient annual basic brief busy careful central clear close common
    complete early eastern easy empty entire familiar famous final formal former free
    fresh full general gentle global good great green heavy high historic honest huge
    important large late local long loud low main major modern narrow national natural
    new northern old open original patient plain popular private public quiet rare recent
    regular remote rural short simple slow small social southern special steady strong
    sudden quick tall thin typical urban useful various warm western wide wooden young
""")
ADVERBS = _words(
    "again already also finally often quickly rarely recently slowly soon still usually"
)
PREPOSITIONS = _words("""
    about across after along around at before behind beside during for from in into near of
    on over through toward under with without
""")
DETERMINERS = _words("the the the a an this that every each some no its their our")
NAMES = _words("""
    Alice Amara Boris Carmen Chen Dmitri Elena Farah Gustav Hana Ibrahim Ines Jonas Kofi
    Lena Mateo Nadia Olga Pavel Priya Rosa Samir Tomas Ursula Viktor Yusuf Zofia
""")
PLACES = _words("""
    Geneva Lisbon Oslo Krakow Porto Lyon Turin Bergen Ghent Tartu Valencia Bologna Salzburg
    Utrecht Brno Cork Aarhus Graz Seville Leiden
""")
CODE_LINES = [
    "def load(path):",
    "    with open(path, encoding='utf-8') as f:",
    "        return f.read().split()",
    "for word in words:",
    "    counts[word] = counts.get(word, 0) + 1",
    "print(sorted(counts.items())[:10])",
    "result = [w for w in words if w.isalpha()]",
    "# the the duplicated words in code are never flagged",
]
# Mistakes the house rules find, planted in about one paragraph in twelve.
MISTAKES = [
    lambda s: s.replace(" the ", " the the ", 1),
    lambda s: s.replace(" ", "  ", 1),
    lambda s: s.replace(", ", " , ", 1),
    lambda s: s.rstrip(".") + ".So it went on.",
]


@dataclass(frozen=True)
class Row:
    """One measured line of the report."""

    label: str
    seconds: float  # wall clock
    cpu: float  # user + system CPU seconds: what the work costs on one core, however busy
    peak_rss_mb: float | None = None


class Corpus:
    """Builds articles from the word lists with one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def noun_phrase(self) -> str:
        r = self.rng
        det = r.choice(DETERMINERS)
        adj = r.choice(ADJECTIVES) + " " if r.random() < 0.4 else ""
        phrase = f"{det} {adj}{r.choice(NOUNS)}"
        if det == "a" and phrase[2] in "aeiou":
            phrase = "an" + phrase[1:]
        elif det == "an" and phrase[3] not in "aeiou":
            phrase = "a" + phrase[2:]
        return phrase

    def sentence(self) -> str:
        r = self.rng
        subject = r.choice(NAMES) if r.random() < 0.3 else self.noun_phrase()
        parts = [subject]
        if r.random() < 0.2:
            parts.append(r.choice(ADVERBS))
        parts += [r.choice(VERBS), self.noun_phrase()]
        for _ in range(r.randint(0, 3)):
            place = r.choice(PLACES) if r.random() < 0.2 else self.noun_phrase()
            parts += [r.choice(PREPOSITIONS), place]
        if r.random() < 0.25:
            parts[-1] += ","
            parts += ["and", r.choice(VERBS), self.noun_phrase()]
        text = " ".join(parts)
        return text[0].upper() + text[1:] + r.choice(".....?!")

    def inline(self, sentence: str) -> str:
        """Decorate one word of a sentence with emphasis, a link or inline code."""
        r = self.rng
        words = sentence.split(" ")
        i = r.randrange(1, len(words)) if len(words) > 1 else 0
        word = words[i].rstrip(",.?!")
        tail = words[i][len(word) :]
        style = r.randrange(5)
        if style == 0:
            words[i] = f"**{word}**{tail}"
        elif style == 1:
            words[i] = f"*{word}*{tail}"
        elif style == 2:
            words[i] = f"[{word}](https://example.com/{word.lower()}/{r.randrange(999)}){tail}"
        elif style == 3:
            words[i] = f"`{word}()`{tail}"
        else:
            words[i] = f"{word}[^{r.randrange(1, 4)}]{tail}"
        return " ".join(words)

    def paragraph(self, wrap: bool) -> str:
        r = self.rng
        sentences = [self.sentence() for _ in range(r.randint(2, 7))]
        if r.random() < 0.6:
            k = r.randrange(len(sentences))
            sentences[k] = self.inline(sentences[k])
        text = " ".join(sentences)
        if r.random() < 1 / 12:
            text = r.choice(MISTAKES)(text)
        if not wrap:
            return text
        lines, line = [], ""
        for word in text.split(" "):
            if line and len(line) + len(word) > 78:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        return "\n".join([*lines, line])

    def block(self, wrap: bool) -> str:
        r = self.rng
        kind = r.choices(
            ["para", "list", "olist", "quote", "code", "table", "heading"],
            weights=[60, 8, 5, 4, 6, 3, 6],
        )[0]
        if kind == "list":
            return "\n".join(f"- {self.inline(self.sentence())}" for _ in range(r.randint(2, 5)))
        if kind == "olist":
            return "\n".join(f"{n}. {self.sentence()}" for n in range(1, r.randint(3, 6)))
        if kind == "quote":
            return "\n".join(f"> {line}" for line in self.paragraph(wrap=True).split("\n"))
        if kind == "code":
            lang = r.choice(["python", "", "text"])
            body = "\n".join(r.choice(CODE_LINES) for _ in range(r.randint(2, 8)))
            return f"```{lang}\n{body}\n```"
        if kind == "table":
            rows = ["| Town | Year | Note |", "| --- | ---: | --- |"]
            for _ in range(r.randint(2, 6)):
                note = self.noun_phrase().capitalize()
                rows.append(f"| {r.choice(PLACES)} | {r.randint(1850, 2024)} | {note} |")
            return "\n".join(rows)
        if kind == "heading":
            level = "#" * r.choice([2, 2, 3])
            topic = self.noun_phrase().capitalize()
            return f"{level} {topic} {r.choice(PREPOSITIONS)} {r.choice(PLACES)}"
        return self.paragraph(wrap)

    def article(self, number: int, target_bytes: int) -> str:
        r = self.rng
        title = f"{self.noun_phrase().capitalize()} in {r.choice(PLACES)}"
        wrap = r.random() < 0.5
        parts = [
            "---",
            f'title: "{title}"',
            f"date: {r.randint(2015, 2024)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            f"author: {r.choice(NAMES)} {r.choice(NAMES)}son",
            f"tags: [{r.choice(NOUNS)}, {r.choice(NOUNS)}]",
            f"slug: article-{number:04d}",
            "---",
            "",
            f"# {title}",
        ]
        size = sum(len(p) + 1 for p in parts)
        while size < target_bytes:
            block = self.block(wrap)
            parts += ["", block]
            size += len(block) + 2
        parts += ["", *(f"[^{n}]: {self.sentence()}" for n in range(1, 4))]
        return "\n".join(parts) + "\n"


def write_corpus(folder: Path, size_mb: float, seed: int) -> list[Path]:
    corpus = Corpus(seed)
    target = int(size_mb * 1_000_000)
    files: list[Path] = []
    total = 0
    while total < target:
        n = len(files)
        article = corpus.article(n, corpus.rng.randint(8_000, 60_000))
        path = folder / f"{n // 50:02d}" / f"article-{n:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article, encoding="utf-8")
        files.append(path)
        total += len(article.encode("utf-8"))
    return files


def run_child(args: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, and standard output of one child process."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.PIPE)
        assert child.stderr is not None
        err = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8")
    if child.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} exited {child.returncode}:\n{err.decode(errors='replace')}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, text  # ru_maxrss is in KiB on Linux


def median_child(label: str, args: list[str], cwd: Path, runs: int) -> tuple[Row, str]:
    times, cpus, peaks, output = [], [], [], ""
    for _ in range(runs):
        elapsed, cpu, peak, output = run_child(args, cwd)
        times.append(elapsed)
        cpus.append(cpu)
        peaks.append(peak)
    row = Row(label, statistics.median(times), statistics.median(cpus), max(peaks))
    return row, output


def median_call(label: str, work: Callable[[], object], runs: int) -> Row:
    times, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        work()
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return Row(label, statistics.median(times), statistics.median(cpus))


def house_linter() -> Linter:
    return Linter(with_overrides(Config(), select=["house"]))


def measure(root: Path, tiny: Path, texts: dict[str, str], runs: int) -> tuple[list[Row], str]:
    """The rows of the table, and the summary of copylint's own JSON report."""
    command = [COPYLINT, "check", "--select", "house", "--format", "json", "--no-cache"]
    cwd = tiny.parent  # a temporary folder: no configuration file applies
    cores = os.cpu_count() or 1
    one_core, output = median_child("copylint check -j1", [*command, "-j1", str(root)], cwd, runs)
    all_cores, _ = median_child(f"copylint check -j{cores}", [*command, str(root)], cwd, runs)
    startup, _ = median_child("start-up (one tiny file)", [*command, str(tiny)], cwd, runs)
    linter = house_linter()
    try:
        reader = median_call(
            "in-process: read_document",
            lambda: [read_document(*item) for item in texts.items()],
            runs,
        )
        house = median_call(
            "in-process: read + house rules",
            lambda: [linter.lint(*item) for item in texts.items()],
            runs,
        )
    finally:
        linter.close()
    summary = json.loads(output)["summary"]
    found = f"{summary['diagnostics']} diagnostics in {summary['files']} files"
    return [one_core, all_cores, startup, reader, house], found


ROW = "| {:<32} | {:>6} | {:>6} | {:>8} | {:>11} | {:>8} |"
RULE = "|----------------------------------|-------:|-------:|---------:|------------:|---------:|"


def print_table(rows: list[Row], size_mb: float, words: int) -> None:
    print(ROW.format("Measurement", "Wall s", "CPU s", "MB/CPU-s", "Words/CPU-s", "Peak RSS"))
    print(RULE)
    for row in rows:
        whole = not row.label.startswith("start-up")  # a rate over the corpus makes sense
        print(
            ROW.format(
                row.label,
                f"{row.seconds:.2f}",
                f"{row.cpu:.2f}",
                f"{size_mb / row.cpu:.2f}" if whole else "",
                f"{words / row.cpu:,.0f}" if whole else "",
                "" if row.peak_rss_mb is None else f"{row.peak_rss_mb:.0f} MB",
            )
        )


def print_profile(texts: dict[str, str], top: int = 25) -> None:
    linter = house_linter()
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        for item in texts.items():
            linter.lint(*item)
        profiler.disable()
    finally:
        linter.close()
    for order in ("tottime", "cumulative"):
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats(order).print_stats(top)
        print(f"\nProfile by {order}:")
        print("\n".join(stream.getvalue().splitlines()[4:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=5.0, help="corpus size (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--profile", action="store_true", help="cProfile the in-process run")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="copylint-bench-"))
    root = args.keep or work / "corpus"
    try:
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        files = write_corpus(root, args.size_mb, args.seed)
        texts = {str(f): f.read_text(encoding="utf-8") for f in files}
        size_mb = sum(len(t.encode("utf-8")) for t in texts.values()) / 1_000_000
        words = sum(
            len(WORD.findall(block.text))
            for path, text in texts.items()
            for block in read_document(path, text).blocks
        )
        tiny = work / "tiny.md"
        tiny.write_text("# Tiny\n\nOne short line.\n", encoding="utf-8")

        rows, found = measure(root, tiny, texts, args.runs)
        print(f"Corpus: {len(files)} articles, {size_mb:.2f} MB, {words:,} prose words", end="")
        print(f" (seed {args.seed}); copylint reports {found}.")
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} runs."
        )
        print()
        print_table(rows, size_mb, words)
        reader, house = rows[3], rows[4]
        print(f"\nThe reader takes {reader.cpu / house.cpu:.0%} of the in-process CPU time.")
        if args.profile:
            print_profile(texts)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
