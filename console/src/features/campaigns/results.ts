// The campaign report's numbers as the page shows them (GET /admin/campaigns/{id}/report,
// GET /admin/channels/{id}/insight): pure formatting, so that what a withheld count,
// a rate or an unknown status looks like is pinned by tests, not by the page.
import type { Schemas } from "../../api/models";

export type CampaignReport = Schemas["CampaignReport"];
export type UnitReport = Schemas["UnitReport"];
export type ChannelInsight = Schemas["ChannelInsight"];

/** What a count LINE withholds (fewer than 20 users) or a rate built on one shows. */
export const WITHHELD = "—";

/** A count with thousands separators; `null`/absent shows as "—". */
export function formatCount(n: number | null | undefined): string {
  return n == null ? WITHHELD : n.toLocaleString("ja-JP");
}

/** A 0..1 share as a percentage with one decimal ("12.5%"); `null`/absent shows as "—". */
export function formatRate(r: number | null | undefined): string {
  if (r == null || !Number.isFinite(r)) return WITHHELD;
  // Rounded to a tenth without float noise (0.1234 → 12.3).
  const tenths = Math.round(r * 1000);
  return `${(tenths / 10).toFixed(1)}%`;
}

/** Whether any count of a ready unit is withheld, so the page says why it shows "—". */
export function hasWithheld(u: UnitReport): boolean {
  const s = u.stats;
  if (s.status !== "ready") return false;
  return (
    s.impressions == null ||
    s.unique_impressions == null ||
    s.unique_clicks == null ||
    s.clicks.some((c) => c.clicks == null || c.unique_clicks == null)
  );
}

/** LINE's statuses the page explains; anything new reads as "unknown" rather than raw. */
const UNIT_STATUSES = ["pending", "ready", "unready", "out_of_service"] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number] | "unknown";
export function unitStatus(status: string): UnitStatus {
  return (UNIT_STATUSES as readonly string[]).includes(status) ? (status as UnitStatus) : "unknown";
}

/** The follower counts' statuses (LINE's `getNumberOfFollowers`: no `pending`). */
const FOLLOWER_STATUSES = ["ready", "unready", "out_of_service"] as const;
export type FollowerStatus = (typeof FOLLOWER_STATUSES)[number] | "unknown";
export function followerStatus(status: string): FollowerStatus {
  return (FOLLOWER_STATUSES as readonly string[]).includes(status) ? (status as FollowerStatus) : "unknown";
}

/** Whether the unit has numbers to show (LINE answered); otherwise only the status. */
export const showsNumbers = (u: UnitReport): boolean => u.stats.status === "ready";

/** The i18n key and values naming a unit: the whole campaign, or step n (1-based for people). */
export function unitName(u: UnitReport): { key: "campaigns.report.unitCampaign" } | { key: "campaigns.report.unitStep"; n: number } {
  return u.stats.step == null ? { key: "campaigns.report.unitCampaign" } : { key: "campaigns.report.unitStep", n: u.stats.step + 1 };
}

/** Done share of a step's planned recipients, 0..100. */
export function stepPercent(p: Schemas["Progress"]): number {
  if (p.planned === 0) return 0;
  return Math.min(100, Math.floor(((p.sent + p.failed + p.skipped) * 100) / p.planned));
}

/** The rows of the clicks-per-URL table, most clicked first (withheld counts last). */
export function clickRows(u: UnitReport): { url: string; clicks: string; unique: string }[] {
  return [...u.stats.clicks]
    .sort((a, b) => (b.clicks ?? -1) - (a.clicks ?? -1) || a.url.localeCompare(b.url))
    .map((c) => ({ url: c.url, clicks: formatCount(c.clicks), unique: formatCount(c.unique_clicks) }));
}
