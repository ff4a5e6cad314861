#!/usr/bin/env bash
# Instructions per verify+parse call (and per parse-only call) on the bench fixtures,
# counted by callgrind: independent of machine load, unlike the timings.
#
# Usage: crates/line/benches/callgrind.sh
# Per call = (instructions for 201 calls - instructions for 1 call) / 200, so start-up
# and the one-off signing in the harness cancel out.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
exe="$(cargo bench -p otodoke-line --bench webhook_instructions --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "webhook_instructions":
        print(m["executable"])')"
count() {
  local out
  out="$(mktemp)"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$exe" "$1" "$2" >/dev/null 2>&1
  local total
  total="$(grep -m1 '^summary:' "$out" | awk '{print $2}')"
  rm -f "$out"
  echo "$total"
}
for what in 1_event 10_events parse:1_event parse:10_events; do
  one="$(count "$what" 1)"
  many="$(count "$what" 201)"
  echo "$what: $(( (many - one) / 200 )) instructions per call"
done
