import openapiTS, { astToString } from "openapi-typescript";

const HEADER = "// Generated from docs/openapi.json by `npm run gen:api`. Do not edit.\n";

/** The generated files' names and texts for an OpenAPI document. */
export async function generate(doc) {
  const ast = await openapiTS(doc);
  const routes = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      if (item[method]) routes.push(`${method.toUpperCase()} ${path}`);
    }
  }
  routes.sort();
  return {
    "schema.gen.ts": HEADER + astToString(ast),
    "routes.gen.ts":
      HEADER +
      "/** Every `METHOD path` the admin API's document lists. */\n" +
      `export const ROUTES: ReadonlySet<string> = new Set(${JSON.stringify(routes, null, 2)});\n`,
  };
}
