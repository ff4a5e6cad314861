// The report routes. The daily report is typed from docs/openapi.json; the CSV goes
// through the same authenticated fetch and is handed to the browser as a file (a
// plain link would carry no bearer token).
import { api, rawFetch, unwrap } from "../../api/client";
import type { Schemas } from "../../api/models";
import { reportQuery, type DailyReport, type Range } from "./shape";

export function getDaily(range: Range, store: string, channel: string): Promise<DailyReport> {
  return unwrap<DailyReport>(
    api.GET("/admin/reports/daily", {
      params: { query: { from: range.from, to: range.to, store: store || undefined, channel: channel || undefined } },
    }),
  );
}

export function dailyCsvPath(range: Range, store: string, channel: string): string {
  return `/admin/reports/daily.csv?${new URLSearchParams(reportQuery(range, store, channel))}`;
}

/** The file name a download is saved under: `otodoke-daily-2026-11-01_2026-11-30.csv`. */
export function csvFileName(range: Range, store: string, channel: string): string {
  const parts = ["otodoke-daily", `${range.from}_${range.to}`, store, channel].filter(Boolean);
  return `${parts.join("-")}.csv`;
}

/** Fetches the CSV and saves it (the browser's download, under `csvFileName`). */
export async function downloadDailyCsv(range: Range, store: string, channel: string): Promise<void> {
  const response = await rawFetch(dailyCsvPath(range, store, channel));
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement("a");
    a.href = url;
    a.download = csvFileName(range, store, channel);
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Chromium reads the blob when the click is handled; a later revoke is safe.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** LINE's follower counts of a channel as of yesterday (JST), asked live (502 when LINE cannot be reached). */
export function getChannelInsight(channel: string): Promise<Schemas["ChannelInsight"]> {
  return unwrap<Schemas["ChannelInsight"]>(api.GET("/admin/channels/{channel_id}/insight", { params: { path: { channel_id: channel } } }));
}
