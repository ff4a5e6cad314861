// Starts the real local stack (target/debug/otodoke-local) for the e2e tests, on
// free ports, serving this console's dist, and stops it again.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const consoleDir = fileURLToPath(new URL("..", import.meta.url));
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const bin = process.env.OTODOKE_LOCAL_BIN ?? `${repoRoot}target/debug/otodoke-local`;

/** Starts a stack; `args` are extra flags (`--dev-role viewer`, `--state f`). */
export async function startStack(args = []) {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: cargo build -p otodoke-local`);
  const child = spawn(
    bin,
    ["--port", "0", "--sandbox-port", "0", "--scheduler-secs", "1", "--console-dist", `${consoleDir}dist`, ...args],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "warn" } },
  );
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stack did not start in 30 s:\n${out}\n${err}`)), 30_000);
    child.on("exit", (code) => reject(new Error(`the stack exited (${code}):\n${out}\n${err}`)));
    child.stdout.on("data", (d) => {
      out += d;
      const gateway = /gateway\s+(http:\/\/\S+)/.exec(out);
      const token = /dev token\s+(\S+)/.exec(out);
      if (gateway && token) {
        clearTimeout(timer);
        resolve({ gateway: gateway[1], token: token[1] });
      }
    });
  });
  const stack = {
    ...ready,
    console: `${ready.gateway}/console/`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
    /** The admin API with the dev token. */
    async admin(method, path, body) {
      const r = await fetch(`${ready.gateway}/admin${path}`, {
        method,
        headers: { Authorization: `Bearer ${ready.token}`, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    /** The LINE simulator's API: a friend, who follows and writes as on a phone. */
    async simFriend(displayName) {
      const r = await fetch(`${ready.gateway}/simulator/api/friends`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ displayName }),
      });
      const friend = await r.json();
      const act = async (action) => {
        const a = await fetch(`${ready.gateway}/simulator/api/friends/${friend.userId}/actions`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(action),
        });
        const body = await a.json();
        if (a.status !== 200 || body.status !== 200) throw new Error(`simulator: ${JSON.stringify(body)}`);
      };
      return {
        userId: friend.userId,
        follow: () => act({ type: "follow" }),
        says: (text) => act({ type: "text", text }),
      };
    },
  };
  return stack;
}
