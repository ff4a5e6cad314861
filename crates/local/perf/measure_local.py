# Start-up time (spawn -> gateway answers), idle RSS and greeting latency of
# otodoke-local. Usage: python3 crates/local/perf/measure_local.py target/release/otodoke-local [runs]
# Uses ports 18700/18701 and a fresh temporary state file per run.
import json, os, shutil, subprocess, sys, tempfile, time, urllib.request

BIN = sys.argv[1]
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
GW = "http://127.0.0.1:18700"

def get(path):
    with urllib.request.urlopen(GW + path, timeout=2) as r:
        return json.load(r)

def post(path, body):
    req = urllib.request.Request(GW + path, data=json.dumps(body).encode(),
                                 headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.load(r)

def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])

def start(state):
    t0 = time.perf_counter()
    p = subprocess.Popen([BIN, "--port", "18700", "--sandbox-port", "18701", "--state", state],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "RUST_LOG": "warn"})
    while True:
        try:
            get("/simulator/api/info"); break
        except Exception:
            time.sleep(0.001)
    return p, (time.perf_counter() - t0) * 1000

def stop(p):
    p.send_signal(2); p.wait(timeout=10)

first, again, idle, busy, greet = [], [], [], [], []
for _ in range(RUNS):
    d = tempfile.mkdtemp(); state = os.path.join(d, "state.json")
    p, ms = start(state); first.append(ms)
    time.sleep(3); idle.append(rss_kib(p.pid))
    f = post("/simulator/api/friends", {"displayName": "花子"})
    t0 = time.perf_counter()
    post(f"/simulator/api/friends/{f['userId']}/actions", {"type": "follow"})
    while not any(e["from"] == "bot" for e in get(f"/simulator/api/friends/{f['userId']}/conversation")):
        time.sleep(0.001)
    greet.append((time.perf_counter() - t0) * 1000)
    for i in range(50):
        post(f"/simulator/api/friends/{f['userId']}/actions", {"type": "text", "text": "営業時間"})
    time.sleep(1); busy.append(rss_kib(p.pid))
    stop(p)
    p, ms = start(state); again.append(ms); stop(p)
    shutil.rmtree(d)

med = lambda xs: sorted(xs)[len(xs) // 2]
print(f"runs={RUNS}")
print(f"first start (seed, new state file): median {med(first):.1f} ms, min {min(first):.1f}, max {max(first):.1f}")
print(f"restart (load state file):          median {med(again):.1f} ms, min {min(again):.1f}, max {max(again):.1f}")
print(f"idle RSS after 3 s:                 median {med(idle)/1024:.1f} MiB, max {max(idle)/1024:.1f}")
print(f"RSS after follow + 50 messages:     median {med(busy)/1024:.1f} MiB, max {max(busy)/1024:.1f}")
print(f"follow -> greeting in transcript:   median {med(greet):.1f} ms, max {max(greet):.1f}")
