#!/usr/bin/env bash
# Webhook verify + parse: this crate (criterion bench `webhook`) against LINE's official
# Python SDK (line-bot-sdk 3.x, `WebhookParser.parse`) on the same fixture bytes
# (crates/line/benches/fixtures), printed side by side as throughput per core.
#
# Usage: crates/line/benches/python/run.sh [seconds per measurement, default 5]
# Runs the two sides one after the other, never in parallel.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
seconds="${1:-5}"

target_dir="$(cd "$root" && cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
# Criterion writes under the working directory unless told otherwise.
export CRITERION_HOME="$target_dir/criterion"

echo "== Rust: cargo bench -p otodoke-line --bench webhook -- verify_and_parse" >&2
(cd "$root" && cargo bench -p otodoke-line --bench webhook -- \
  --warm-up-time 2 --measurement-time "$seconds" 'verify_and_parse' >&2)

echo "== Python: line-bot-sdk WebhookParser.parse" >&2
venv="$("$root/scripts/python-env")"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
"$venv/bin/python" -c 'import linebot; print("line-bot-sdk", linebot.__version__)' >&2
"$venv/bin/python" "$here/bench_webhook.py" "$seconds" > "$results"

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/compare.py" "$CRITERION_HOME" "$results"
