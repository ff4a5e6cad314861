// Shapes the admin API returns where docs/openapi.json still says only `object`
// (otodoke-core's records). Written from crates/core's serde types; each goes away
// when the document types it (issue #13 asks for every body to be a typed schema),
// and then `npm run gen:api` gives the real one.
import type { components } from "./schema.gen";

export type Schemas = components["schemas"];
export type Role = "viewer" | "operator" | "admin" | "owner";
export type Gender = "female" | "male" | "other";

export interface FriendKey {
  /** Present in the API's answers (tenancy, issue #9); not needed to address a friend. */
  org?: string;
  provider: string;
  user_id: string;
}

export interface Friend {
  key: FriendKey;
  org_id: string;
  display_name?: string | null;
  picture_url?: string | null;
  store_id?: string | null;
  /** The staff member this customer is assigned to (個別ID). */
  assignee?: string | null;
  channels: Record<string, { state: "following" | "blocked"; followed_at?: string | null; blocked_at?: string | null }>;
  tags: string[];
  attributes: {
    gender?: Gender | null;
    birth_year?: number | null;
    prefecture?: string | null;
    custom?: Record<string, string>;
  };
  conversation: { handoff_until?: string | null; last_after_hours_reply?: string | null };
  created_at: string;
  updated_at: string;
  version: number;
}

export type SenderKind =
  | { kind: "customer" }
  | { kind: "greeting" }
  | { kind: "rule"; id: string }
  | { kind: "intent"; id: string }
  | { kind: "after_hours" }
  | { kind: "fallback" }
  | { kind: "staff"; id: string }
  | { kind: "campaign"; id: string };

export interface ConversationEntry {
  id: string;
  friend: FriendKey;
  channel: string;
  store_id?: string | null;
  at: string;
  direction: "inbound" | "outbound";
  line_message_id?: string | null;
  text: string;
  payload: unknown;
  sender: SenderKind;
  hidden?: boolean;
  /** How a staff member's message went out; `failed` was not sent (reason for staff). */
  delivery?: { kind: "replied" } | { kind: "pushed" } | { kind: "failed"; reason: string } | null;
}

export interface Audience {
  tags_all: string[];
  tags_any: string[];
  tags_none: string[];
  genders: Gender[];
  age_min?: number | null;
  age_max?: number | null;
  prefectures: string[];
  followed_since?: string | null;
  stores: string[];
}

export interface Step {
  offset_days: number;
  at_local_time?: string | null;
  messages: LineMessage[];
}

export type Schedule = { kind: "now" } | { kind: "at"; at: string } | { kind: "sequence"; steps: Step[] };

export type CampaignStatus = "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled";

export interface Campaign {
  id: string;
  org_id: string;
  channel_id: string;
  name: string;
  messages: LineMessage[];
  sender?: { name: string; icon_url?: string | null } | null;
  audience: Audience;
  schedule: Schedule;
  status: CampaignStatus;
  progress: { planned: number; sent: number; failed: number; skipped: number };
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A LINE message object (Messaging API), as sent. */
export type LineMessage =
  | { type: "text"; text: string }
  | { type: "image"; originalContentUrl: string; previewImageUrl: string }
  | { type: "sticker"; packageId: string; stickerId: string }
  | { type: "flex"; altText: string; contents: unknown }
  | { type: string; [key: string]: unknown };

export interface Staff {
  id: string;
  org_id: string;
  display_name: string;
  role: Role;
  stores: string[];
  sender_name?: string | null;
  sender_icon_url?: string | null;
  assigned_only?: boolean;
  active?: boolean;
  email?: string | null;
}

export interface Channel {
  id: string;
  provider: string;
  bot_user_id: string;
  plan: { kind: string; extra_cap?: number };
  monthly_limit?: number | null;
  default_store?: string | null;
  store_id?: string | null;
}

export type StoreNode = Schemas["StoreNode"];
export type Organization = Schemas["OrganizationView"];
export type Estimate = Schemas["EstimateView"];
export type Quota = Schemas["QuotaStatus"];

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
