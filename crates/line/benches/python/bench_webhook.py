"""Baseline: LINE's official Python SDK (line-bot-sdk 3.x) verifying and parsing the
same webhook bodies as the Rust criterion bench (benches/fixtures/*.json).

Prints one JSON line per body: {"body", "events", "mean_ns", "best_ns", "cpu_mean_ns",
"calls"}: wall-clock mean over all timed calls, the best batch of 200 calls (the least
disturbed by other processes on a shared machine), and the mean in this thread's CPU
time (throughput per core, as the Rust `webhook_cpu` group measures it).
Run through benches/python/run.sh, which also runs the Rust side.
"""

import base64
import hashlib
import hmac
import json
import pathlib
import sys
import time

from linebot.v3 import WebhookParser

SECRET = "8c570fa6dd201bb328f1c1eac23a96d8"
FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
BODIES = [("1_event", "webhook_1_event.json"), ("10_events", "webhook_10_events.json")]


def measure(parser, body, signature, seconds):
    # Warm up, then time batches of calls until `seconds` have passed.
    for _ in range(50):
        parser.parse(body, signature)
    best = float("inf")
    total = 0
    cpu_total = 0
    calls = 0
    batch = 200
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        cpu_start = time.thread_time_ns()
        start = time.perf_counter_ns()
        for _ in range(batch):
            parser.parse(body, signature)
        elapsed = time.perf_counter_ns() - start
        cpu_total += time.thread_time_ns() - cpu_start
        best = min(best, elapsed / batch)
        total += elapsed
        calls += batch
    return total / calls, best, cpu_total / calls, calls


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    parser = WebhookParser(SECRET)
    for name, file in BODIES:
        raw = (FIXTURES / file).read_bytes()
        # The SDK's documented use: body as str, signature from the header.
        body = raw.decode("utf-8")
        signature = base64.b64encode(hmac.new(SECRET.encode(), raw, hashlib.sha256).digest()).decode()
        events = parser.parse(body, signature)
        expected = len(json.loads(raw)["events"])
        assert len(events) == expected, (name, len(events), expected)
        mean, best, cpu_mean, calls = measure(parser, body, signature, seconds)
        row = {"body": name, "events": expected, "mean_ns": mean, "best_ns": best, "cpu_mean_ns": cpu_mean}
        row["calls"] = calls
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
