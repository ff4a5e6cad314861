// The console's runtime settings, read from /console/config.json: written by the
// local stack (dev token) or by scripts/deploy-console from the stack's outputs
// (OIDC). Never edited by hand, never built into the bundle.
import type { Role } from "../api/models";

export interface Caller {
  org: string;
  staff: string;
  role: Role;
  /** Store ids (with their subtrees); empty = every store. */
  stores: string[];
}

export type AuthConfig =
  | { kind: "dev"; token: string }
  | {
      kind: "oidc";
      /** The issuer (Cognito: https://cognito-idp.<region>.amazonaws.com/<pool>). */
      authority: string;
      client_id: string;
      scope?: string;
      /** Cognito's managed-login logout endpoint (not in its discovery document). */
      logout_url?: string;
    };

export interface ConsoleConfig {
  /** What the admin API's paths (`/admin/...`) are relative to: empty for this origin
   *  (the local stack), the API's origin in AWS (CORS allows the console's origin). */
  api: string;
  auth: AuthConfig;
  /** Given by the local stack: the caller the dev token stands for. */
  caller?: Caller;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: "no-store" });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}
