// The dashboard's data shaping, kept free of React so that Vitest pins it: date
// ranges in JST (the API counts per JST day), presets → from/to, and the daily
// report → chart rows (one row per day with a few numeric fields each: the charts
// draw one SVG path per series, so a year is 365 points in each path, not 365 ×
// 15 elements).
import type { Schemas } from "../../api/models";

export type DailyReport = Schemas["DailyReport"];
export type Totals = Schemas["Totals"];
export type Counts = Schemas["Counts"];
export type Counter = keyof Counts;

/** The API keeps at most 400 days per request (docs/openapi.json, `to`). */
export const MAX_DAYS = 400;

const JST_OFFSET_MS = 9 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in Japan (`YYYY-MM-DD`), whatever the browser's time zone. */
export function jstToday(now: Date = new Date()): string {
  return new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}

function toUtc(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** Days from `from` to `to`, both counted (1 for one day). */
export function spanDays(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
}

export function isDay(s: string): boolean {
  return ISO_DAY.test(s) && fromUtc(toUtc(s)) === s;
}

export type Preset = "7d" | "30d" | "12m" | "custom";
export const PRESETS: Preset[] = ["7d", "30d", "12m", "custom"];

export interface Range {
  from: string;
  to: string;
}

/** A preset's days, ending today in JST: 過去7日 is today and the 6 days before;
 *  過去12か月 starts the day after the same date a year ago (2026-11-30 → from
 *  2025-12-01), 365 or 366 days. */
export function presetRange(preset: Exclude<Preset, "custom">, now: Date = new Date()): Range {
  const to = jstToday(now);
  switch (preset) {
    case "7d":
      return { from: addDays(to, -6), to };
    case "30d":
      return { from: addDays(to, -29), to };
    case "12m": {
      const [y, m, d] = to.split("-").map(Number) as [number, number, number];
      // Date.UTC rolls 2025-02-29 over to 03-01, so a leap day never makes 367 days.
      const yearAgo = fromUtc(Date.UTC(y - 1, m - 1, d));
      return { from: addDays(yearAgo, 1), to };
    }
  }
}

export type RangeProblem = "invalid" | "order" | "tooLong";

/** Why a custom range cannot be asked for, or null when it can. */
export function rangeProblem(r: Range): RangeProblem | null {
  if (!isDay(r.from) || !isDay(r.to)) return "invalid";
  if (r.from > r.to) return "order";
  if (spanDays(r.from, r.to) > MAX_DAYS) return "tooLong";
  return null;
}

/** A counter of `counts`, 0 when the API left it out. */
export const count = (c: Counts, k: Counter): number => c[k] ?? 0;

/** Answers by who or what answered, in the order the dashboard lists them. */
export const ANSWER_SOURCES = [
  "answer_rule",
  "answer_intent",
  "answer_builtin",
  "answer_greeting",
  "answer_after_hours",
  "answer_fallback",
  "answer_staff",
  "answer_automation",
  "answer_none",
] as const satisfies readonly Counter[];
export type AnswerSource = (typeof ANSWER_SOURCES)[number];

/** A row of the friends chart: the day and its follows, unblocks, blocks and net. */
export interface FriendsRow {
  day: string;
  follows: number;
  unblocks: number;
  blocks: number;
  net: number;
}

export function friendsRows(days: DailyReport["days"]): FriendsRow[] {
  return days.map((d) => ({
    day: d.day,
    follows: count(d.counts, "follows"),
    unblocks: count(d.counts, "unblocks"),
    blocks: count(d.counts, "blocks"),
    net: d.net_friends,
  }));
}

/** A row of the messages chart: inbound messages, and those nothing answered. */
export interface MessagesRow {
  day: string;
  inbound: number;
  unanswered: number;
}

export function messagesRows(days: DailyReport["days"]): MessagesRow[] {
  return days.map((d) => ({ day: d.day, inbound: count(d.counts, "inbound"), unanswered: count(d.counts, "answer_none") }));
}

/** Ranges longer than this are drawn by week (a year: 53 points, still readable). */
export const DAILY_UP_TO = 92;
export type Granularity = "day" | "week";

export function granularityFor(from: string, to: string): Granularity {
  return spanDays(from, to) > DAILY_UP_TO ? "week" : "day";
}

/** Sums rows into 7-day buckets ending on the last row's day, so that the latest
 *  week is whole and only the first bucket may be shorter; each bucket is under
 *  its first day, with `until` its last day. */
export function byWeek<T extends { day: string }>(rows: T[]): Array<T & { until: string }> {
  const out: Array<T & { until: string }> = [];
  const first = rows.length % 7 || 7;
  for (let i = 0; i < rows.length; i = i === 0 ? first : i + 7) {
    const week = rows.slice(i, i === 0 ? first : i + 7);
    const sum: Record<string, unknown> = { ...week[0]!, until: week[week.length - 1]!.day };
    for (const row of week.slice(1)) {
      for (const [k, v] of Object.entries(row)) {
        if (typeof v === "number") sum[k] = (sum[k] as number) + v;
      }
    }
    out.push(sum as T & { until: string });
  }
  return out;
}

/** Rows for a chart at the range's granularity. */
export function atGranularity<T extends { day: string }>(rows: T[], g: Granularity): Array<T & { until?: string }> {
  return g === "week" ? byWeek(rows) : rows;
}

export interface SourceSlice {
  source: AnswerSource;
  value: number;
  /** Share of all answers (none included), 0..100, one decimal. */
  percent: number;
}

/** The range's answers by source, largest first, sources with none left out. */
export function answerSlices(total: Totals): SourceSlice[] {
  const all = ANSWER_SOURCES.reduce((s, k) => s + count(total.counts, k), 0);
  return ANSWER_SOURCES.map((source) => ({ source, value: count(total.counts, source) }))
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value || ANSWER_SOURCES.indexOf(a.source) - ANSWER_SOURCES.indexOf(b.source))
    .map((s) => ({ ...s, percent: all ? Math.round((s.value * 1000) / all) / 10 : 0 }));
}

/** The summary cards' figures, each the API's total (`net_friends` or a counter). */
export const SUMMARY = ["follows", "blocks", "net_friends", "inbound", "answered", "answer_none", "declined_intents", "automation_runs"] as const;
export type SummaryKey = (typeof SUMMARY)[number];

/** Answers that reached the customer: every answer source but `answer_none`. */
export function answered(c: Counts): number {
  return ANSWER_SOURCES.filter((k) => k !== "answer_none").reduce((s, k) => s + count(c, k), 0);
}

export function summaryValue(total: Totals, key: SummaryKey): number {
  if (key === "net_friends") return total.net_friends;
  if (key === "answered") return answered(total.counts);
  return count(total.counts, key);
}

/** Whether the range holds nothing at all (a new account, or a quiet range). */
export function isEmpty(report: DailyReport): boolean {
  return report.total.net_friends === 0 && Object.values(report.total.counts).every((v) => !v);
}

/** The X axis label of a day (`2026-11-30` → `11/30`); tooltips show the whole date. */
export function dayLabel(day: string): string {
  const [, m, d] = day.split("-");
  return `${Number(m)}/${Number(d)}`;
}

/** The report routes' query: the range and the filters that are set. */
export function reportQuery(r: Range, store: string, channel: string): Record<string, string> {
  const q: Record<string, string> = { from: r.from, to: r.to };
  if (store) q.store = store;
  if (channel) q.channel = channel;
  return q;
}
