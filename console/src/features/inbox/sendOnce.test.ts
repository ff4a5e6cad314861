import { describe, expect, it } from "vitest";
import { SendOnce, isSendKey, sendFailureKey } from "./sendOnce";

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

  it("retries a failed send with the same idempotency key, and a new message gets a new one", async () => {
    let n = 0;
    const once = new SendOnce(() => `k${++n}`);
    const keys: string[] = [];
    const failing = async (k: string) => {
      keys.push(k);
      throw new Error("network");
    };
    await expect(once.run(failing, "こんにちは")).rejects.toThrow();
    await expect(once.run(failing, "こんにちは")).rejects.toThrow();
    await once.run(async (k) => void keys.push(k), "こんにちは");
    await once.run(async (k) => void keys.push(k), "こんにちは");
    expect(keys).toEqual(["k1", "k1", "k1", "k2"]);
  });

  it("gives a failed draft that was edited before the retry a new key", async () => {
    let n = 0;
    const once = new SendOnce(() => `k${++n}`);
    const keys: string[] = [];
    await expect(
      once.run(async (k) => {
        keys.push(k);
        throw new Error("502");
      }, "明日の10時で"),
    ).rejects.toThrow();
    await once.run(async (k) => void keys.push(k), "明日の11時で");
    expect(keys).toEqual(["k1", "k2"]);
  });

  it("names each refusal of a send for staff", () => {
    expect(sendFailureKey(409, "the customer does not follow this account (blocked it, or never added it)")).toBe("blocked");
    expect(sendFailureKey(409, "this message is being sent already")).toBe("inProgress");
    expect(sendFailureKey(429, "no message quota left")).toBe("quota");
    expect(sendFailureKey(422, "LINE refused the message: x")).toBe("refused");
    expect(sendFailureKey(502, "timeout")).toBe("retry");
    expect(sendFailureKey(0, "network error")).toBe("retry");
    expect(sendFailureKey(403, "forbidden")).toBeNull();
  });
});
