// What each role may do: the one place the console decides what to offer. It
// mirrors docs/admin-api.md#roles because the API exposes no role table yet (the
// report asks for `GET /admin/me` with the caller's role, stores and permissions);
// the API still decides (403/404), the console only hides what would be refused.
import type { Role } from "../api/models";
import type { Caller } from "./config";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2, owner: 3 };

/** Every action the console offers, with the lowest role that may do it. */
export const ACTIONS = {
  read: "viewer",
  preview: "viewer",
  exportCsv: "viewer",
  tagFriends: "operator",
  editFriends: "operator",
  createCampaign: "operator",
  sendCampaign: "operator",
  controlCampaign: "operator",
  replyInChat: "operator",
  configureAutoreply: "admin",
  editMenus: "admin",
  editAutomations: "admin",
  createStore: "admin",
  manageStaff: "admin",
  manageChannels: "admin",
  editOrganization: "admin",
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ACTIONS;

/** Actions that the API allows only to staff of every store (docs/admin-api.md). */
const UNRESTRICTED_ONLY: ReadonlySet<Action> = new Set(["manageStaff", "manageChannels", "editOrganization", "editAutomations"]);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && value in RANK;
}

export function can(caller: Caller | null, action: Action): boolean {
  if (!caller) return false;
  if (RANK[caller.role] < RANK[ACTIONS[action]]) return false;
  return !(UNRESTRICTED_ONLY.has(action) && caller.stores.length > 0);
}

/** Roles a caller may grant: never above their own. */
export function grantableRoles(caller: Caller | null): Role[] {
  if (!caller) return [];
  return (Object.keys(RANK) as Role[]).filter((r) => RANK[r] <= RANK[caller.role]);
}

/** The caller from an ID token's claims (the claims the admin API reads in AWS). */
export function callerFromClaims(claims: Record<string, unknown>): Caller | null {
  const role = claims["custom:role"];
  const org = claims["custom:org"];
  if (!isRole(role) || typeof org !== "string") return null;
  const stores = typeof claims["custom:stores"] === "string" ? (claims["custom:stores"] as string) : "";
  return {
    org,
    staff: String(claims.sub ?? ""),
    role,
    stores: stores.split(",").map((s) => s.trim()).filter(Boolean),
  };
}
