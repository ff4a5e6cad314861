// The admin API's shapes under the names the console uses: all generated from
// docs/openapi.json (`npm run gen:api`), where every body is a typed schema.
// `LineMessage` alone is the console's own: the document keeps LINE's message
// objects free-form beyond `type`, and the composer knows the kinds it builds.
import type { components } from "./schema.gen";

export type Schemas = components["schemas"];
export type Role = Schemas["Role"];
export type Gender = Schemas["Gender"];
/** What addresses a friend in a path; the API's answers carry `org` too. */
export type FriendKey = Pick<Schemas["FriendKey"], "provider" | "user_id"> & Partial<Pick<Schemas["FriendKey"], "org">>;
export type Friend = Schemas["Friend"];
export type SenderKind = Schemas["Sender"];
export type ConversationEntry = Schemas["ConversationEntry"];
export type Audience = Schemas["Audience"];
export type Step = Schemas["SequenceStep"];
export type Schedule = Schemas["Schedule"];
export type CampaignStatus = Schemas["CampaignStatus"];
export type Campaign = Schemas["Campaign"];

/** A LINE message object (Messaging API), as sent. */
export type LineMessage =
  | { type: "text"; text: string }
  | { type: "image"; originalContentUrl: string; previewImageUrl: string }
  | { type: "sticker"; packageId: string; stickerId: string }
  | { type: "flex"; altText: string; contents: unknown }
  | { type: string; [key: string]: unknown };

export type Staff = Schemas["StaffView"];
export type Channel = Schemas["ChannelView"];
export type ChannelPlan = Channel["plan"];

export type StoreNode = Schemas["StoreNode"];
export type Organization = Schemas["OrganizationView"];
export type Estimate = Schemas["EstimateView"];
export type Quota = Schemas["QuotaStatus"];

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export type RichMenu = Schemas["RichMenuView"];
export type MenuSize = Schemas["MenuSize"];
export type Bounds = Schemas["Bounds"];
export type MenuArea = Schemas["MenuArea"];
export type MenuAction = Schemas["MenuAction"];
export type MenuRule = Schemas["MenuRule"];
export type MenuRulesView = Schemas["MenuRulesView"];
export type MenuRulesInput = Schemas["MenuRulesInput"];
export type MenuRulesPreview = Schemas["MenuRulesPreview"];
export type RelinkJob = Schemas["RelinkJob"];

export type Automation = Schemas["Automation"];
export type AutomationInput = Schemas["AutomationInput"];
export type Trigger = Schemas["Trigger"];
export type AutoAction = Schemas["AutoAction"];
export type AutomationRun = Schemas["AutomationRun"];
export type Fired = Schemas["Fired"];
