// The composer's form, checked with the limits the API enforces (LINE's), so most
// mistakes show before the request; the API's 422 `field` messages still show by
// the field, keyed by the same JSON paths (`messages[0].text`, `sender.name`).
import type { Audience, Gender, LineMessage, Schedule, Schemas } from "../../api/models";
import type { NewCampaign } from "./api";

export type MessageDraft =
  | { type: "text"; text: string }
  | { type: "image"; originalContentUrl: string; previewImageUrl: string }
  | { type: "sticker"; packageId: string; stickerId: string }
  | { type: "flex"; altText: string; json: string };

export interface SegmentDraft {
  tagsAll: string[];
  tagsAny: string[];
  tagsNone: string[];
  genders: Gender[];
  ageMin: number | "";
  ageMax: number | "";
  prefectures: string[];
  followedSince: string;
  stores: string[];
}

export type LineDemographics = Schemas["LineDemographics"];
export type AgeBucket = Schemas["AgeBucket"];
export type FriendshipPeriod = Schemas["FriendshipPeriod"];

/** LINE's own demographic targeting (a narrowcast; LINE decides the reach). */
export interface LineDraft {
  on: boolean;
  genders: ("male" | "female")[];
  ageFrom: AgeBucket | "";
  ageBelow: AgeBucket | "";
  /** Prefectures by JIS number, 1 (Hokkaido) .. 47 (Okinawa). */
  prefectures: number[];
  appTypes: ("ios" | "android")[];
  friendsAtLeast: FriendshipPeriod | "";
  friendsLessThan: FriendshipPeriod | "";
}

export const AGE_BUCKETS: AgeBucket[] = ["age_15", "age_20", "age_25", "age_30", "age_35", "age_40", "age_45", "age_50", "age_55", "age_60", "age_65", "age_70"];
export const FRIENDSHIP_PERIODS: FriendshipPeriod[] = ["day_7", "day_30", "day_90", "day_180", "day_365"];

export const emptyLine = (): LineDraft => ({
  on: false,
  genders: [],
  ageFrom: "",
  ageBelow: "",
  prefectures: [],
  appTypes: [],
  friendsAtLeast: "",
  friendsLessThan: "",
});

export function lineDemographicsOf(l: LineDraft): LineDemographics {
  return {
    genders: [...new Set(l.genders)],
    age_from: l.ageFrom || null,
    age_below: l.ageBelow || null,
    areas: [...new Set(l.prefectures)].sort((a, b) => a - b).map((n) => `jp_${String(n).padStart(2, "0")}`),
    app_types: [...new Set(l.appTypes)],
    friends_for_at_least: l.friendsAtLeast || null,
    friends_for_less_than: l.friendsLessThan || null,
  };
}


export interface StepDraft {
  offsetDays: number;
  atLocalTime: string;
  text: string;
}

export interface CampaignDraft {
  name: string;
  channelId: string;
  segment: SegmentDraft;
  line: LineDraft;
  messages: MessageDraft[];
  senderName: string;
  senderIcon: string;
  /** Count clicks per friend through otodoke's redirect (`track_links`). */
  trackLinks: boolean;
  schedule: "now" | "at" | "sequence";
  at: string;
  steps: StepDraft[];
}

export const emptySegment = (): SegmentDraft => ({
  tagsAll: [],
  tagsAny: [],
  tagsNone: [],
  genders: [],
  ageMin: "",
  ageMax: "",
  prefectures: [],
  followedSince: "",
  stores: [],
});

export const emptyDraft = (channelId = ""): CampaignDraft => ({
  name: "",
  channelId,
  segment: emptySegment(),
  line: emptyLine(),
  messages: [{ type: "text", text: "" }],
  senderName: "",
  senderIcon: "",
  trackLinks: false,
  schedule: "now",
  at: "",
  steps: [{ offsetDays: 0, atLocalTime: "10:00", text: "" }],
});

export const LIMITS = { messages: 5, text: 5000, altText: 400, senderName: 20 } as const;

const clean = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function audienceOf(s: SegmentDraft): Audience {
  return {
    tags_all: clean(s.tagsAll),
    tags_any: clean(s.tagsAny),
    tags_none: clean(s.tagsNone),
    genders: [...new Set(s.genders)],
    age_min: s.ageMin === "" ? null : s.ageMin,
    age_max: s.ageMax === "" ? null : s.ageMax,
    prefectures: clean(s.prefectures),
    followed_since: s.followedSince ? new Date(`${s.followedSince}T00:00:00+09:00`).toISOString() : null,
    stores: clean(s.stores),
    // LINE's filter travels beside the audience (`line_demographics`), never in it.
    line_demographics: null,
  };
}

export function messageOf(m: MessageDraft): LineMessage {
  switch (m.type) {
    case "text":
      return { type: "text", text: m.text };
    case "image":
      return { type: "image", originalContentUrl: m.originalContentUrl.trim(), previewImageUrl: m.previewImageUrl.trim() };
    case "sticker":
      return { type: "sticker", packageId: m.packageId.trim(), stickerId: m.stickerId.trim() };
    case "flex":
      return { type: "flex", altText: m.altText, contents: JSON.parse(m.json) as unknown };
  }
}

/** UTF-16 code units, as LINE counts. */
const units = (s: string) => s.length;
const https = (s: string) => /^https:\/\/[^\s]+$/.test(s.trim());

/** Problems by JSON path (the API's `field` names); empty when the draft can be sent. */
export function check(d: CampaignDraft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.name.trim()) e.name = "required";
  if (!d.channelId) e.channel_id = "required";
  if (d.messages.length < 1 || d.messages.length > LIMITS.messages) e.messages = "1to5";
  d.messages.forEach((m, i) => {
    const p = `messages[${i}]`;
    if (m.type === "text") {
      if (!m.text.trim()) e[`${p}.text`] = "required";
      else if (units(m.text) > LIMITS.text) e[`${p}.text`] = "tooLong";
    } else if (m.type === "image") {
      if (!https(m.originalContentUrl)) e[`${p}.originalContentUrl`] = "https";
      if (!https(m.previewImageUrl)) e[`${p}.previewImageUrl`] = "https";
    } else if (m.type === "sticker") {
      if (!/^\d+$/.test(m.packageId.trim())) e[`${p}.packageId`] = "number";
      if (!/^\d+$/.test(m.stickerId.trim())) e[`${p}.stickerId`] = "number";
    } else {
      if (!m.altText.trim()) e[`${p}.altText`] = "required";
      else if (units(m.altText) > LIMITS.altText) e[`${p}.altText`] = "tooLong";
      try {
        const v = JSON.parse(m.json) as { type?: unknown };
        if (v?.type !== "bubble" && v?.type !== "carousel") e[`${p}.contents`] = "flexType";
      } catch {
        e[`${p}.contents`] = "json";
      }
    }
  });
  if (d.senderName) {
    if (units(d.senderName) > LIMITS.senderName) e["sender.name"] = "tooLong";
    else if (/LINE/i.test(d.senderName)) e["sender.name"] = "noLine";
  }
  if (d.senderIcon && !https(d.senderIcon)) e["sender.icon_url"] = "https";
  if (d.senderIcon && !d.senderName) e["sender.name"] = "required";
  const { ageMin, ageMax } = d.segment;
  if (ageMin !== "" && ageMax !== "" && ageMin > ageMax) e["audience.age_max"] = "order";
  if (d.schedule === "at" && !(d.at && Date.parse(d.at) > Date.now())) e["schedule.at"] = "future";
  // The API's rules for LINE's demographic filter (otodoke_core::campaign::check_line_targeting).
  // The segment may narrow it too: its friends are uploaded to LINE as an audience group.
  if (d.line.on) {
    const l = lineDemographicsOf(d.line);
    const chosen = l.genders.length + l.areas.length + l.app_types.length > 0 || [l.age_from, l.age_below, l.friends_for_at_least, l.friends_for_less_than].some(Boolean);
    if (!chosen) e.line_demographics = "lineChoose";
    if (l.age_from && l.age_below && AGE_BUCKETS.indexOf(l.age_from) >= AGE_BUCKETS.indexOf(l.age_below)) e["line_demographics.age_from"] = "order";
    if (l.friends_for_at_least && l.friends_for_less_than && FRIENDSHIP_PERIODS.indexOf(l.friends_for_at_least) >= FRIENDSHIP_PERIODS.indexOf(l.friends_for_less_than))
      e["line_demographics.friends_for_at_least"] = "order";
    if (d.schedule === "sequence") e.schedule = "lineOnce";
  }
  if (d.schedule === "sequence") {
    d.steps.forEach((s, i) => {
      if (!s.text.trim()) e[`schedule.steps[${i}].messages[0].text`] = "required";
    });
  }
  return e;
}

export function scheduleOf(d: CampaignDraft): Schedule {
  if (d.schedule === "at") return { kind: "at", at: new Date(d.at).toISOString() };
  if (d.schedule === "sequence")
    return {
      kind: "sequence",
      steps: d.steps.map((s) => ({
        offset_days: s.offsetDays,
        at_local_time: s.atLocalTime ? `${s.atLocalTime}:00` : null,
        messages: [{ type: "text", text: s.text }],
      })),
    };
  return { kind: "now" };
}

/** The request body; call only when `check` found nothing. */
export function toRequest(d: CampaignDraft): NewCampaign {
  return {
    name: d.name.trim(),
    channel_id: d.channelId,
    messages: d.messages.map(messageOf),
    sender: d.senderName ? { name: d.senderName, icon_url: d.senderIcon || null } : null,
    track_links: d.trackLinks,
    audience: audienceOf(d.segment),
    line_demographics: d.line.on ? lineDemographicsOf(d.line) : null,
    schedule: scheduleOf(d),
  };
}

/** The date input's value (`YYYY-MM-DD`) of an instant, in JST: `audienceOf` sends
 *  the day as JST midnight, so reading it back must not take the UTC date (the day
 *  before). */
export function jstDate(iso: string): string {
  return new Date(Date.parse(iso) + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The `datetime-local` input's value (`YYYY-MM-DDTHH:mm`) of an instant, in the
 *  browser's zone, as `scheduleOf` reads it back with `new Date(value)`. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The composer's form values from a campaign's content: a stored draft to edit
 *  (`Campaign`) or a request body (`NewCampaign`), so that `toRequest` of the
 *  result is the same content again. */
export function draftFrom(
  c: Pick<NewCampaign, "name" | "channel_id" | "messages" | "audience" | "schedule"> & {
    sender?: NewCampaign["sender"];
    line_demographics?: NewCampaign["line_demographics"];
    track_links?: boolean;
  },
): CampaignDraft {
  const base = emptyDraft(c.channel_id);
  const messages: MessageDraft[] = c.messages.map((m) => {
    const x = m as Record<string, unknown>;
    switch (m.type) {
      case "image":
        return { type: "image", originalContentUrl: String(x.originalContentUrl), previewImageUrl: String(x.previewImageUrl) };
      case "sticker":
        return { type: "sticker", packageId: String(x.packageId), stickerId: String(x.stickerId) };
      case "flex":
        return { type: "flex", altText: String(x.altText), json: JSON.stringify(x.contents, null, 2) };
      default:
        return { type: "text", text: String(x.text ?? "") };
    }
  });
  const a = c.audience;
  const l = c.line_demographics ?? a.line_demographics;
  const line: LineDraft = l
    ? {
        on: true,
        genders: l.genders ?? [],
        ageFrom: l.age_from ?? "",
        ageBelow: l.age_below ?? "",
        prefectures: (l.areas ?? []).filter((x) => x.startsWith("jp_")).map((x) => Number(x.slice(3))),
        appTypes: l.app_types ?? [],
        friendsAtLeast: l.friends_for_at_least ?? "",
        friendsLessThan: l.friends_for_less_than ?? "",
      }
    : emptyLine();
  return {
    ...base,
    line,
    name: c.name,
    messages,
    senderName: c.sender?.name ?? "",
    senderIcon: c.sender?.icon_url ?? "",
    trackLinks: c.track_links ?? false,
    segment: {
      tagsAll: a.tags_all,
      tagsAny: a.tags_any,
      tagsNone: a.tags_none,
      genders: a.genders,
      ageMin: a.age_min ?? "",
      ageMax: a.age_max ?? "",
      prefectures: a.prefectures,
      followedSince: a.followed_since ? jstDate(a.followed_since) : "",
      stores: a.stores,
    },
    schedule: c.schedule.kind,
    at: c.schedule.kind === "at" ? localDateTime(c.schedule.at) : "",
    steps:
      c.schedule.kind === "sequence"
        ? c.schedule.steps.map((s) => ({
            offsetDays: s.offset_days,
            atLocalTime: (s.at_local_time ?? "").slice(0, 5),
            text: String((s.messages[0] as { text?: string } | undefined)?.text ?? ""),
          }))
        : base.steps,
  };
}
