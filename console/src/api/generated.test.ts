// Fails when src/api/*.gen.ts no longer match ../docs/openapi.json: run `npm run gen:api`.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper without types
import { generate } from "../../scripts/gen-api-lib.mjs";

const here = new URL(".", import.meta.url);

describe("the generated API client", () => {
  it("is up to date with docs/openapi.json", async () => {
    const doc = JSON.parse(readFileSync(new URL("../../../docs/openapi.json", here), "utf8"));
    const files: Record<string, string> = await generate(doc);
    for (const [name, text] of Object.entries(files)) {
      const onDisk = readFileSync(new URL(name, here), "utf8");
      expect(onDisk, `src/api/${name} is stale: run npm run gen:api`).toBe(text);
    }
  });
});
