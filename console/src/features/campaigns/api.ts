import { api, getJson, sendJson, unwrap } from "../../api/client";
import type { Audience, Campaign, Estimate, LineMessage, Page, Schedule, Schemas } from "../../api/models";

export interface NewCampaign {
  name: string;
  channel_id: string;
  messages: LineMessage[];
  sender: { name: string; icon_url?: string | null } | null;
  audience: Audience;
  /** Rewrite the URLs to otodoke's tracked links (clicks per friend; a multicast
   *  campaign then goes out as one push per recipient). */
  track_links?: boolean;
  /** LINE's own demographic targeting; the campaign then goes out as one narrowcast. */
  line_demographics?: Schemas["LineDemographics"] | null;
  schedule: Schedule;
}

const path = (id: string) => `/admin/campaigns/${encodeURIComponent(id)}`;

export const listCampaigns = (cursor?: string) => getJson<Page<Campaign>>("/admin/campaigns", { limit: 50, cursor });
export const getCampaign = (id: string) => getJson<Campaign>(path(id));
export const createCampaign = (c: NewCampaign) => sendJson<Campaign>("POST", "/admin/campaigns", c);
export const estimate = (id: string) =>
  unwrap<Estimate>(api.POST("/admin/campaigns/{campaign_id}/estimate", { params: { path: { campaign_id: id } } }));

/** Replaces a draft's content; `version` is the one read, so that a draft changed,
 *  scheduled or sent meanwhile is refused (409) rather than overwritten. */
export const editCampaign = (id: string, version: number, c: NewCampaign) =>
  sendJson<Campaign>("PUT", `${path(id)}?version=${encodeURIComponent(version)}`, c);
/** A new draft named "<name> (コピー)" with the campaign's content (any status). */
export const duplicateCampaign = (id: string) => sendJson<Campaign>("POST", `${path(id)}/duplicate`);
/** Deletes a draft (204); 409 once it was scheduled or sent. */
export const deleteCampaign = (id: string) => sendJson<null>("DELETE", path(id));

export type Transition = "send-now" | "schedule" | "pause" | "resume" | "cancel";
export const transition = (id: string, action: Transition) => sendJson<Campaign>("POST", `${path(id)}/${action}`);

/** What may be done to a campaign in its state (the API answers 409 otherwise). */
export function transitionsFor(c: Pick<Campaign, "status" | "schedule">): Transition[] {
  switch (c.status) {
    case "draft":
      return c.schedule.kind === "sequence" ? ["schedule", "cancel"] : c.schedule.kind === "at" ? ["schedule", "send-now", "cancel"] : ["send-now", "cancel"];
    case "scheduled":
      return ["cancel"];
    case "running":
      return ["pause", "cancel"];
    case "paused":
      return ["resume", "cancel"];
    default:
      return [];
  }
}

/** Done share of the planned recipients, 0..100 (sent, failed and skipped are done). */
export function percentDone(c: Pick<Campaign, "status" | "progress">): number {
  const { planned, sent, failed, skipped } = c.progress;
  if (c.status === "completed") return 100;
  if (planned === 0) return 0;
  return Math.min(100, Math.floor(((sent + failed + skipped) * 100) / planned));
}

/** Progress, a sequence's per-step counters and LINE's numbers per aggregation unit. */
export const getReport = (id: string) =>
  unwrap<Schemas["CampaignReport"]>(api.GET("/admin/campaigns/{campaign_id}/report", { params: { path: { campaign_id: id } } }));

export type TrackedLink = Schemas["LinkCounts"];
/** otodoke's own clicks of the campaign's tracked links (its steps' included). */
export const listTrackedLinks = (campaignId: string) =>
  unwrap<Schemas["LinkCountsList"]>(api.GET("/admin/links", { params: { query: { campaign_id: campaignId } } }));
