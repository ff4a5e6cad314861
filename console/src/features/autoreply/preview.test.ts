import { describe, expect, it } from "vitest";
import { summarize } from "./preview";

describe("the try-a-message panel", () => {
  it("says what the bot would answer, from where, and each step", () => {
    const s = summarize({
      decision: {
        outcome: { outcome: "reply", messages: [{ type: "text", text: "専用駐車場はございません。" }], source: { kind: "intent", name: "parking" } },
        notify_staff: false,
        trace: { steps: [{ step: "hours", open: true }, { step: "intents", best: "parking", score: 0.82 }] },
      },
    });
    expect(s).toEqual({
      outcome: "reply",
      source: "intent parking",
      reply: "専用駐車場はございません。",
      notifyStaff: false,
      steps: ["hours: open=true", "intents: best=parking, score=0.82"],
    });
  });

  it("survives an answer it does not know", () => {
    expect(summarize(null)).toMatchObject({ outcome: "—", source: null, reply: null, steps: [] });
  });
});
