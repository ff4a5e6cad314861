// Generates src/api/schema.gen.ts (types, by openapi-typescript) and
// src/api/routes.gen.ts (the routes the document lists, for feature gating) from
// ../docs/openapi.json. `npm run gen:api`; src/api/generated.test.ts fails when
// either file is stale.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { generate } from "./gen-api-lib.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const doc = JSON.parse(await readFile(`${root}/../docs/openapi.json`, "utf8"));
const files = await generate(doc);
for (const [name, text] of Object.entries(files)) {
  await writeFile(`${root}/src/api/${name}`, text);
  console.log(`wrote src/api/${name}`);
}
