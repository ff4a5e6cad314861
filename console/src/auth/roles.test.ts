import { describe, expect, it } from "vitest";
import { callerFromClaims, can, grantableRoles } from "./roles";
import type { Caller } from "./config";

const as = (role: Caller["role"], stores: string[] = []): Caller => ({ org: "demo", staff: "s", role, stores });

describe("roles", () => {
  it("offers sending to operators and above, never to viewers", () => {
    expect(can(as("viewer"), "sendCampaign")).toBe(false);
    expect(can(as("viewer"), "preview")).toBe(true);
    expect(can(as("operator"), "sendCampaign")).toBe(true);
    expect(can(as("owner"), "sendCampaign")).toBe(true);
    expect(can(null, "read")).toBe(false);
  });

  it("keeps organization-wide settings to unrestricted admins", () => {
    expect(can(as("admin"), "manageChannels")).toBe(true);
    expect(can(as("admin", ["shibuya"]), "manageChannels")).toBe(false);
    expect(can(as("admin", ["shibuya"]), "configureAutoreply")).toBe(true);
    expect(can(as("admin", ["shibuya"]), "editAutomations")).toBe(false);
    expect(can(as("admin", ["shibuya"]), "editMenus")).toBe(true);
    expect(can(as("operator"), "editMenus")).toBe(false);
  });

  it("never grants above the granter", () => {
    expect(grantableRoles(as("admin"))).toEqual(["viewer", "operator", "admin"]);
  });

  it("reads the caller from Cognito's custom claims", () => {
    expect(
      callerFromClaims({ sub: "u1", "custom:org": "demo", "custom:role": "operator", "custom:stores": "a, b" }),
    ).toEqual({ org: "demo", staff: "u1", role: "operator", stores: ["a", "b"] });
    expect(callerFromClaims({ sub: "u1", "custom:org": "demo", "custom:role": "boss" })).toBeNull();
  });
});
