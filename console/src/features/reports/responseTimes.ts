// The staff response section's data shaping, kept free of React so that Vitest
// pins it: business-hour durations as short Japanese (or English) text, and the
// first-reply buckets as chart rows. The API names the bucket the median and the
// 90th percentile fall in (a counter keeps no finer figure), so they read as the
// bucket does: "5分以内", "24時間超".
import type { Schemas } from "../../api/models";

export type ResponseTimes = Schemas["ResponseTimes"];
export type ReplyBucket = Schemas["ReplyBucket"];

type Lang = "ja" | "en";

const UNITS: Record<Lang, { s: string; m: string; h: string; over: string; sep: string }> = {
  ja: { s: "秒", m: "分", h: "時間", over: "24時間超", sep: "" },
  en: { s: " s", m: " min", h: " h", over: "over 24 h", sep: " " },
};

/** A duration of business hours as people say it: "45秒", "4分", "1時間20分",
 *  "3時間"; minutes are rounded. */
export function formatDuration(seconds: number, lang: string = "ja"): string {
  const u = UNITS[lang.startsWith("en") ? "en" : "ja"];
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))}${u.s}`;
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}${u.m}`;
  return m === 0 ? `${h}${u.h}` : `${h}${u.h}${u.sep}${m}${u.m}`;
}

/** A bucket's label: "5分以内" by its bound, "24時間超" for the open last one. */
export function bucketLabel(b: ReplyBucket, lang: string = "ja"): string {
  const en = lang.startsWith("en");
  if (b.within_seconds == null) return UNITS[en ? "en" : "ja"].over;
  const d = formatDuration(b.within_seconds, lang);
  return en ? `within ${d}` : `${d}以内`;
}

export interface BucketRow {
  label: string;
  count: number;
}

/** The chart's bars, fastest first, as the API lists them (empty buckets kept:
 *  the axis is the same scale whatever the range). */
export function bucketRows(rt: Pick<ResponseTimes, "buckets">, lang: string = "ja"): BucketRow[] {
  return rt.buckets.map((b) => ({ label: bucketLabel(b, lang), count: b.count }));
}

/** The figures the section shows, each the API's ("—" when nothing was answered):
 *  the median's and 90th percentile's buckets, and the mean as a duration. */
export const RESPONSE_COUNTS = ["waits", "answered", "closed", "unanswered"] as const;
export const RESPONSE_DURATIONS = ["median_bucket", "p90_bucket", "mean_seconds"] as const;
export type ResponseDuration = (typeof RESPONSE_DURATIONS)[number];

export function durationText(rt: ResponseTimes, key: ResponseDuration, lang: string = "ja"): string {
  if (key === "mean_seconds") return rt.mean_seconds == null ? "—" : formatDuration(rt.mean_seconds, lang);
  const index = rt[key];
  const bucket = index == null ? undefined : rt.buckets[index];
  return bucket ? bucketLabel(bucket, lang) : "—";
}

/** A report's response times when no one waited (tests and the empty state). */
export const noResponseTimes = (): ResponseTimes => ({
  waits: 0,
  answered: 0,
  closed: 0,
  unanswered: 0,
  median_bucket: null,
  p90_bucket: null,
  mean_seconds: null,
  buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, null].map((within_seconds) => ({ within_seconds, count: 0 })),
});
