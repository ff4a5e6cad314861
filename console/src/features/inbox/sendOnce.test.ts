import { describe, expect, it } from "vitest";
import { SendOnce, isSendKey } from "./sendOnce";

const key = (over: Partial<Parameters<typeof isSendKey>[0]>) => ({
  key: "Enter",
  shiftKey: false,
  isComposing: false,
  keyCode: 13,
  ...over,
});

describe("the reply box", () => {
  it("never sends on the Enter that commits Japanese input", () => {
    expect(isSendKey(key({}))).toBe(true);
    expect(isSendKey(key({ isComposing: true }))).toBe(false);
    expect(isSendKey(key({ keyCode: 229 }))).toBe(false);
    expect(isSendKey(key({ shiftKey: true }))).toBe(false);
    expect(isSendKey(key({ key: "a", keyCode: 65 }))).toBe(false);
  });

  it("sends a double submit once", async () => {
    const once = new SendOnce(() => "k1");
    let calls = 0;
    let release!: () => void;
    const send = () => {
      calls++;
      return new Promise<void>((r) => (release = r));
    };
    const first = once.run(send);
    const second = await once.run(send);
    release();
    expect(await first).toBe(true);
    expect(second).toBe(false);
    expect(calls).toBe(1);
  });

  it("retries a failed send with the same idempotency key", async () => {
    let n = 0;
    const once = new SendOnce(() => `k${++n}`);
    const keys: string[] = [];
    await expect(
      once.run(async (k) => {
        keys.push(k);
        throw new Error("network");
      }),
    ).rejects.toThrow();
    await once.run(async (k) => void keys.push(k));
    await once.run(async (k) => void keys.push(k));
    expect(keys).toEqual(["k1", "k1", "k2"]);
  });
});
