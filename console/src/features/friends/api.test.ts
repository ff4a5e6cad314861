import { describe, expect, it } from "vitest";
import { inBulk } from "./api";

describe("bulk tagging", () => {
  it("runs the action once per friend, at most four at a time, and counts failures", async () => {
    const keys = Array.from({ length: 10 }, (_, i) => ({ provider: "p", user_id: `U${i}` }));
    let running = 0;
    let most = 0;
    const seen: string[] = [];
    const failed = await inBulk(keys, async (k) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      seen.push(k.user_id);
      if (k.user_id === "U3") throw new Error("409");
    });
    expect(seen.sort()).toEqual(keys.map((k) => k.user_id).sort());
    expect(most).toBeLessThanOrEqual(4);
    expect(failed).toBe(1);
  });
});
