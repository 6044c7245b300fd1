#!/bin/sh
# Fuzz the readers, source map and fixes, then the rule-file loader, for a bounded time.
#   fuzz/run.sh [SECONDS_PER_TARGET]   (default 300; `make fuzz` runs it)
# Crashes land in fuzz/crashes/; copy each to tests/fixtures/regressions/ once fixed.
set -eu
cd "$(dirname "$0")"
SECONDS_PER_TARGET="${1:-300}"
PY="${PYTHON:-../.venv/bin/python}"
mkdir -p corpus/document corpus/rule_file crashes
# Seed the corpus with the articles and rule files the project already has (first byte: format).
for f in ../tests/fixtures/articles/* ../tests/fixtures/clean/* ../examples/*; do
    [ -f "$f" ] || continue
    case "$f" in *.md) b='\000' ;; *.html) b='\001' ;; *) b='\002' ;; esac
    name="corpus/document/seed-$(basename "$f")"
    [ -e "$name" ] || { printf "$b" > "$name"; cat "$f" >> "$name"; }
done
for f in ../rules/*/*.yaml; do
    [ -e "corpus/rule_file/seed-$(basename "$f")" ] || cp "$f" "corpus/rule_file/seed-$(basename "$f")"
done
status=0
for target in document rule_file; do
    echo "== fuzz_$target for $SECONDS_PER_TARGET s"
    "$PY" "fuzz_$target.py" -max_total_time="$SECONDS_PER_TARGET" -timeout=30 \
        -rss_limit_mb=4096 -artifact_prefix=crashes/ "corpus/$target" || status=$?
done
exit $status
