// Sums the gzipped JavaScript a browser loads for a route of the built console
// (dist/.vite/manifest.json): the entry, the route's lazy chunk, and every chunk
// either imports statically. `node scripts/budget.mjs [feature] [limitKB]`, default
// the inbox and 200 KB; exits 1 over the limit. Prints one line per chunk and the sum.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const feature = process.argv[2] ?? "inbox";
const limitKB = Number(process.argv[3] ?? 200);
const manifest = JSON.parse(readFileSync(`${dist}.vite/manifest.json`, "utf8"));

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const page = Object.keys(manifest).find((k) => k.startsWith(`src/features/${feature}/`) && k.endsWith("Page.tsx"));
if (!entry || !page) throw new Error(`no entry or no page for ${feature} in the manifest`);

const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const dep of manifest[key].imports ?? []) visit(dep);
};
visit(entry);
visit(page);

let total = 0;
for (const key of seen) {
  const file = manifest[key].file;
  const bytes = gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length;
  total += bytes;
  console.log(`${(bytes / 1024).toFixed(1).padStart(7)} KB  ${file}`);
}
const kb = total / 1024;
console.log(`${feature}: ${kb.toFixed(1)} KB of JavaScript gzipped (budget ${limitKB} KB)`);
process.exit(kb <= limitKB ? 0 : 1);
