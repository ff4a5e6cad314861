// The one API wrapper: the generated openapi-fetch client with the session's
// bearer token, and every failure turned into an `ApiFailure` (status, message and
// the 422 `details` by field) so that forms show the API's words by the field.
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema.gen";
import { ROUTES } from "./routes.gen";

export interface FieldErrors {
  [field: string]: string;
}

/** A refused or failed call, as the admin API describes it (docs/admin-api.md#errors). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiFailure };

/** Reads `{message, details: [{field, message}]}`; anything else keeps its status. */
export function failureFrom(status: number, body: unknown): ApiFailure {
  const b = (body ?? {}) as { message?: unknown; details?: unknown };
  const message = typeof b.message === "string" ? b.message : `HTTP ${status}`;
  const fields: FieldErrors = {};
  if (Array.isArray(b.details)) {
    for (const d of b.details as Array<{ field?: unknown; message?: unknown }>) {
      if (typeof d.field === "string" && typeof d.message === "string") fields[d.field] = d.message;
    }
  }
  return new ApiFailure(status, message, fields);
}

let tokenSource: () => Promise<string | null> = async () => null;
let onUnauthorized: () => void = () => {};
let apiBase = "";

/** Called once by the session provider: where the API is (empty: this origin), the
 *  bearer token's source, and what to do on a 401. */
export function configureApi(base: string, source: () => Promise<string | null>, unauthorized: () => void) {
  apiBase = base.replace(/\/$/, "");
  tokenSource = source;
  onUnauthorized = unauthorized;
}

const auth: Middleware = {
  async onRequest({ request }) {
    const token = await tokenSource();
    const url = new URL(request.url);
    const target = apiBase ? new Request(`${apiBase}${url.pathname}${url.search}`, request) : request;
    if (token) target.headers.set("Authorization", `Bearer ${token}`);
    return target;
  },
  async onResponse({ response }) {
    if (response.status === 401) onUnauthorized();
    return response;
  },
};

// Paths in the document already start with /admin; requests go to this origin and
// the middleware moves them to the configured API origin, if any.
export const api = createClient<paths>({ baseUrl: "" });
api.use(auth);

/** Unwraps an openapi-fetch answer: the data, or an `ApiFailure` thrown. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await call;
  } catch (e) {
    throw new ApiFailure(0, e instanceof Error ? e.message : "network error");
  }
  if (!answer.response.ok) throw failureFrom(answer.response.status, answer.error);
  return answer.data as T;
}

/** As `unwrap`, but a typed result instead of a throw (for forms). */
export async function result<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Result<T>> {
  try {
    return { ok: true, data: await unwrap(call) };
  } catch (e) {
    return { ok: false, error: e instanceof ApiFailure ? e : new ApiFailure(0, String(e)) };
  }
}

/** For routes the document does not list yet (and text bodies): same auth, same errors. */
export async function rawFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await tokenSource();
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.body && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const response = await fetch(`${apiBase}${path}`, { ...init, headers });
  if (response.status === 401) onUnauthorized();
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      /* not JSON */
    }
    throw failureFrom(response.status, body);
  }
  return response;
}

/** Whether the admin API's document lists `METHOD path` (e.g. "POST /admin/..."). */
export function hasRoute(route: string): boolean {
  return ROUTES.has(route);
}

/** A JSON GET with query parameters. For the listings whose `cursor`, `limit`, `tag`
 *  and `q` docs/openapi.json declares as required *path* parameters (a document bug
 *  reported to the lead), which the typed client therefore cannot pass. */
export async function getJson<T>(path: string, query: Record<string, string | number | null | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const qs = q.toString();
  const response = await rawFetch(qs ? `${path}?${qs}` : path);
  return (await response.json()) as T;
}

/** A JSON write through the same wrapper (bodies the typed client types as `object`). */
export async function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await rawFetch(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}
