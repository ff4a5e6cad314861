"""Writes docs/perf/lambda-size.md: the size of each built Lambda function binary.

Usage (from scripts/build-lambdas):
  python infra/lambda_size_report.py --target-dir T --seconds S --command C --output F BIN...

For each BIN it reads T/lambda/BIN/bootstrap (what cargo-lambda builds) and reports its
size and the size of the zip SAM would upload (deflate, as `sam build` packages it).
Lambda's limit is 50 MB zipped / 250 MB unzipped; smaller also means a faster cold
start. Fails if a binary is missing.

Everything from the line NOTES_MARKER on in the existing file (hand-written notes,
earlier baselines) is kept below the new table.
"""

import argparse
import datetime
import io
import os
import platform
import subprocess
import sys
import zipfile

NOTES_MARKER = "<!-- notes: kept as they are by scripts/build-lambdas -->"


def zipped_size(path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(path, arcname="bootstrap")
    return buffer.tell()


def tool_version(*command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        return out.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def kept_notes(path):
    """The NOTES_MARKER line and what follows it in `path`, or "" if none."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        return ""
    at = text.find(NOTES_MARKER)
    return text[at:] if at >= 0 else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target-dir", required=True)
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--command", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()

    rows = []
    for name in args.binaries:
        path = os.path.join(args.target_dir, "lambda", name, "bootstrap")
        if not os.path.isfile(path):
            print(f"lambda_size_report: {path} is missing", file=sys.stderr)
            return 1
        rows.append((name, os.path.getsize(path), zipped_size(path)))

    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Lambda function sizes",
        "",
        "Written by `scripts/build-lambdas` down to the notes marker; edit only below it.",
        "",
        f"- Command: `{args.command}`",
        f"- Built: {today}, release profile (thin LTO, 1 codegen unit, stripped),"
        " aarch64-unknown-linux-gnu (arm64), linked with zig",
        f"- Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        f"- Toolchain: {tool_version('rustc', '--version')};"
        f" {tool_version('cargo', 'lambda', '--version')}",
        f"- Build time for all functions: {args.seconds} s"
        " (wall clock; depends on what target/ already held)",
        "",
        "| function | bootstrap (bytes) | bootstrap (MiB) | zipped (bytes) | zipped (MiB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, raw, zipped in rows:
        lines.append(
            f"| {name} | {raw:,} | {raw / 2**20:.2f} | {zipped:,} | {zipped / 2**20:.2f} |"
        )
    lines += [
        "",
        "Lambda's limits: 50 MB zipped upload, 250 MB unzipped.",
        "",
    ]
    notes = kept_notes(args.output)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
        if notes:
            f.write("\n" + notes)
    for name, raw, zipped in rows:
        print(f"{name}: {raw:,} bytes, {zipped:,} zipped")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
