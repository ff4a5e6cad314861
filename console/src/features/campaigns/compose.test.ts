import { describe, expect, it } from "vitest";
import type { Campaign } from "../../api/models";
import { percentDone, transitionsFor } from "./api";
import { audienceOf, check, draftFrom, emptyDraft, emptyLine, emptySegment, jstDate, localDateTime, toRequest } from "./compose";

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

  it("sends LINE's demographic filter alone, with the API's rules, and keeps it on duplicate", () => {
    const base = { ...emptyDraft("2000000001"), name: "女性限定", messages: [{ type: "text" as const, text: "セール" }] };
    const line = { ...emptyLine(), on: true, genders: ["female" as const], ageFrom: "age_20" as const, ageBelow: "age_40" as const, prefectures: [14, 13, 13] };
    const d = { ...base, line };
    expect(check(d)).toEqual({});
    const r = toRequest(d);
    expect(r.line_demographics).toEqual({
      genders: ["female"], age_from: "age_20", age_below: "age_40", areas: ["jp_13", "jp_14"],
      app_types: [], friends_for_at_least: null, friends_for_less_than: null,
    });
    expect(r.audience.line_demographics ?? null).toBeNull();
    expect(toRequest(draftFrom(r))).toEqual(r);
    expect(toRequest(base).line_demographics).toBeNull();

    expect(check({ ...base, line: { ...emptyLine(), on: true } }).line_demographics).toBe("lineChoose");
    expect(check({ ...d, line: { ...line, ageFrom: "age_40", ageBelow: "age_20" } })["line_demographics.age_from"]).toBe("order");
    // The segment narrows it too (uploaded to LINE as an audience group).
    expect(check({ ...d, segment: { ...emptySegment(), tagsAny: ["vip"] } }).audience).toBeUndefined();
    expect(check({ ...d, schedule: "sequence", steps: [{ offsetDays: 0, atLocalTime: "", text: "x" }] }).schedule).toBe("lineOnce");
  });
});

describe("editing a stored draft", () => {
  const stored: Campaign = {
    id: "01JDRAFT",
    org_id: "org-1",
    channel_id: "2000000001",
    name: "年末のご案内",
    messages: [
      { type: "text", text: "年末年始の営業時間です" },
      { type: "image", originalContentUrl: "https://example.com/a.png", previewImageUrl: "https://example.com/a-s.png" },
    ],
    sender: { name: "店長", icon_url: "https://example.com/i.png" },
    audience: {
      tags_all: ["vip"], tags_any: [], tags_none: ["stop"], genders: ["female"], age_min: 20, age_max: 39,
      prefectures: ["東京都"], followed_since: "2026-10-31T15:00:00.000Z", stores: ["shibuya"], line_demographics: null,
    },
    schedule: { kind: "at", at: "2026-12-24T01:30:00.000Z" },
    status: "draft",
    progress: { planned: 0, sent: 0, failed: 0, skipped: 0 },
    created_by: "staff-1",
    created_at: "2026-11-30T00:00:00Z",
    updated_at: "2026-11-30T00:00:00Z",
    version: 3,
  };

  it("fills the composer with the campaign's content", () => {
    const d = draftFrom(stored);
    expect(d.name).toBe("年末のご案内");
    expect(d.channelId).toBe("2000000001");
    expect(d.messages).toEqual([
      { type: "text", text: "年末年始の営業時間です" },
      { type: "image", originalContentUrl: "https://example.com/a.png", previewImageUrl: "https://example.com/a-s.png" },
    ]);
    expect([d.senderName, d.senderIcon]).toEqual(["店長", "https://example.com/i.png"]);
    expect(d.segment).toMatchObject({ tagsAll: ["vip"], tagsNone: ["stop"], genders: ["female"], ageMin: 20, ageMax: 39, stores: ["shibuya"] });
    expect(d.line.on).toBe(false);
    expect(d.schedule).toBe("at");
    expect(d.at).toBe(localDateTime(stored.schedule.kind === "at" ? stored.schedule.at : ""));
  });

  it("reads the followed-since day in JST, the day the composer sent", () => {
    // JST midnight of 11/1 is 10/31 15:00 UTC: the form must say 11/1, not 10/31.
    expect(jstDate("2026-10-31T15:00:00.000Z")).toBe("2026-11-01");
    expect(draftFrom(stored).segment.followedSince).toBe("2026-11-01");
    expect(audienceOf(draftFrom(stored).segment).followed_since).toBe(stored.audience.followed_since);
  });

  it("saves back the same content when nothing was changed", () => {
    const r = toRequest(draftFrom(stored));
    expect(r).toEqual({
      name: stored.name,
      channel_id: stored.channel_id,
      messages: stored.messages,
      sender: stored.sender,
      track_links: false,
      audience: stored.audience,
      line_demographics: null,
      schedule: stored.schedule,
    });
  });

  it("keeps the campaign's link tracking when it is edited or duplicated", () => {
    const tracked = { ...stored, track_links: true };
    expect(draftFrom(tracked).trackLinks).toBe(true);
    expect(toRequest(draftFrom(tracked)).track_links).toBe(true);
    expect(toRequest(draftFrom(stored)).track_links).toBe(false);
  });

  it("keeps LINE's demographic filter and a sequence's steps", () => {
    const line = { genders: ["male" as const], age_from: "age_30" as const, age_below: null, areas: ["jp_13"], app_types: [], friends_for_at_least: null, friends_for_less_than: null };
    const seq: Campaign = {
      ...stored,
      audience: { ...stored.audience, tags_all: [], tags_none: [], genders: [], age_min: null, age_max: null, prefectures: [], followed_since: null, stores: [], line_demographics: line },
      schedule: { kind: "sequence", steps: [{ offset_days: 1, at_local_time: "10:00:00", messages: [{ type: "text", text: "翌日のご案内" }] }] },
    };
    const d = draftFrom(seq);
    expect(d.line).toMatchObject({ on: true, genders: ["male"], ageFrom: "age_30", prefectures: [13] });
    expect(d.steps).toEqual([{ offsetDays: 1, atLocalTime: "10:00", text: "翌日のご案内" }]);
    expect(toRequest(d).schedule).toEqual(seq.schedule);
    expect(toRequest(d).line_demographics).toEqual(line);
  });
});
