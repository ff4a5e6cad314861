"""Prints the Rust (criterion) and Python SDK webhook figures side by side.

Usage: compare.py <criterion-home> <python-results.jsonl>

Both sides are single-threaded, so calls per second is throughput per core. Three
statistics are compared:
- cpu:  mean in the thread's CPU time (criterion group `webhook_cpu`; Python
        `time.thread_time_ns`): per-core cost, not inflated by time-sharing. The headline.
- mean: wall-clock mean (criterion group `webhook`; Python over all calls).
- best: fastest wall-clock sample (criterion) / batch of 200 calls (Python).
"""

import json
import pathlib
import sys


def criterion_result(criterion_home, group, body):
    base = pathlib.Path(criterion_home) / group / f"verify_and_parse_{body}" / "new"
    mean = json.loads((base / "estimates.json").read_text())["mean"]["point_estimate"]
    sample = json.loads((base / "sample.json").read_text())
    best = min(t / n for t, n in zip(sample["times"], sample["iters"]))
    return mean, best


def main():
    criterion_home, python_results = sys.argv[1], sys.argv[2]
    rows = [json.loads(line) for line in pathlib.Path(python_results).read_text().splitlines() if line.strip()]
    header = f"{'body':<10} {'stat':<5} {'rust µs/call':>13} {'python µs/call':>15} {'rust events/s/core':>19} {'python events/s/core':>21} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        rust_cpu, _ = criterion_result(criterion_home, "webhook_cpu", row["body"])
        rust_mean, rust_best = criterion_result(criterion_home, "webhook", row["body"])
        stats = [
            ("cpu", rust_cpu, row["cpu_mean_ns"]),
            ("mean", rust_mean, row["mean_ns"]),
            ("best", rust_best, row["best_ns"]),
        ]
        for stat, rust, python in stats:
            events = row["events"]
            print(
                f"{row['body']:<10} {stat:<5} {rust / 1e3:>13.2f} {python / 1e3:>15.1f} "
                f"{events * 1e9 / rust:>19,.0f} {events * 1e9 / python:>21,.0f} {python / rust:>6.1f}x"
            )


if __name__ == "__main__":
    main()
