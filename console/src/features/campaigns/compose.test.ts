import { describe, expect, it } from "vitest";
import type { Campaign } from "../../api/models";
import { percentDone, transitionsFor } from "./api";
import { audienceOf, check, draftFrom, emptyDraft, emptySegment, toRequest } from "./compose";

const transitionsForDraft = (kind: "now" | "sequence") =>
  transitionsFor({ status: "draft", schedule: kind === "sequence" ? { kind, steps: [] } : { kind } });
const percentDoneFor = (status: Campaign["status"], progress: Campaign["progress"]) => percentDone({ status, progress });

describe("the campaign composer", () => {
  it("builds a tag segment without blanks or repeats", () => {
    const a = audienceOf({ ...emptySegment(), tagsAll: ["vip", " vip ", ""], tagsNone: ["stop"], ageMin: 20 });
    expect(a).toMatchObject({ tags_all: ["vip"], tags_any: [], tags_none: ["stop"], age_min: 20, age_max: null, followed_since: null });
  });

  it("checks LINE's limits by the API's field paths", () => {
    const d = {
      ...emptyDraft("2000000001"),
      name: "x",
      messages: [{ type: "text" as const, text: "" }, { type: "flex" as const, altText: "a", json: "{" }],
      senderName: "LINE公式",
    };
    const e = check(d);
    expect(e["messages[0].text"]).toBe("required");
    expect(e["messages[1].contents"]).toBe("json");
    expect(e["sender.name"]).toBe("noLine");
    expect(check({ ...d, senderName: "あ".repeat(21) })["sender.name"]).toBe("tooLong");
    expect(check({ ...emptyDraft("c"), name: "ok", messages: [{ type: "text", text: "hi" }] })).toEqual({});
  });

  it("turns a draft into the request and back (duplicate)", () => {
    const d = {
      ...emptyDraft("2000000001"),
      name: "冬のセール",
      messages: [
        { type: "text" as const, text: "こんにちは" },
        { type: "sticker" as const, packageId: "11537", stickerId: "52002734" },
      ],
      senderName: "店長",
      segment: { ...emptySegment(), tagsAny: ["vip"] },
    };
    const r = toRequest(d);
    expect(r.messages[1]).toEqual({ type: "sticker", packageId: "11537", stickerId: "52002734" });
    expect(r.schedule).toEqual({ kind: "now" });
    expect(r.sender).toEqual({ name: "店長", icon_url: null });
    const back = draftFrom(r);
    expect(toRequest(back)).toEqual(r);
  });

  it("offers only the transitions the campaign's state allows", () => {
    expect(transitionsForDraft("now")).toEqual(["send-now", "cancel"]);
    expect(transitionsForDraft("sequence")).toEqual(["schedule", "cancel"]);
  });

  it("counts progress as done over planned", () => {
    expect(percentDoneFor("running", { planned: 4, sent: 2, failed: 0, skipped: 1 })).toBe(75);
    expect(percentDoneFor("running", { planned: 0, sent: 0, failed: 0, skipped: 0 })).toBe(0);
    expect(percentDoneFor("completed", { planned: 0, sent: 0, failed: 0, skipped: 0 })).toBe(100);
  });
});
