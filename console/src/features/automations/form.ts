// The automation editor's state and its conversion to and from the API's shapes
// (docs/openapi.json: AutomationInput, Trigger, AutoAction), with the checks the API
// makes, by the API's field paths.
import type { AutoAction, Automation, AutomationInput, LineMessage, Trigger } from "../../api/models";

export type TriggerType = Trigger["type"];
export type ActionType = AutoAction["type"];
export const TRIGGER_TYPES: TriggerType[] = ["follow", "unblock", "keyword", "postback", "tag_added", "tag_removed", "sequence_finished", "link_clicked", "manual"];
export const ACTION_TYPES: ActionType[] = [
  "add_tags", "remove_tags", "set_attribute", "assign_store", "assign_staff", "send", "start_sequence", "stop_sequence",
  "switch_menu", "hand_off", "notify_staff", "run",
];
export const MAX_ACTIONS = 20;
export const MAX_MESSAGES = 5;

export interface TriggerDraft {
  type: TriggerType;
  keywords: string[];
  exact: boolean;
  data: string;
  tag: string;
  campaign: string;
  link: string;
}

/** One action as edited: every kind's fields kept, so switching the kind loses nothing. */
export interface ActionDraft {
  type: ActionType;
  tags: string[];
  key: string;
  value: string;
  store: string;
  staff: string;
  /** The text messages of a send action; `other` keeps messages the form does not edit. */
  texts: string[];
  other: LineMessage[];
  campaign: string;
  menu: string;
  /** Minutes of a hand-off; empty: the store's own window. */
  minutes: string;
  text: string;
  automation: string;
}

export interface AutomationDraft {
  name: string;
  enabled: boolean;
  /** Empty: every channel. */
  channel: string;
  trigger: TriggerDraft;
  actions: ActionDraft[];
  version: number | null;
}

export const emptyTrigger = (type: TriggerType = "follow"): TriggerDraft => ({ type, keywords: [], exact: false, data: "", tag: "", campaign: "", link: "" });
export const emptyAction = (type: ActionType = "add_tags"): ActionDraft => ({
  type, tags: [], key: "", value: "", store: "", staff: "", texts: [""], other: [], campaign: "", menu: "", minutes: "", text: "", automation: "",
});
export const emptyAutomation = (): AutomationDraft => ({ name: "", enabled: true, channel: "", trigger: emptyTrigger(), actions: [emptyAction()], version: null });

export function triggerFrom(t: Trigger): TriggerDraft {
  const d = emptyTrigger(t.type);
  switch (t.type) {
    case "keyword":
      return { ...d, keywords: t.keywords, exact: t.exact ?? false };
    case "postback":
      return { ...d, data: t.data };
    case "tag_added":
    case "tag_removed":
      return { ...d, tag: t.tag };
    case "sequence_finished":
      return { ...d, campaign: t.campaign };
    case "link_clicked":
      return { ...d, link: t.link };
    default:
      return d;
  }
}

const clean = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

export function triggerOf(d: TriggerDraft): Trigger {
  switch (d.type) {
    case "keyword":
      return { type: "keyword", keywords: clean(d.keywords), exact: d.exact };
    case "postback":
      return { type: "postback", data: d.data };
    case "tag_added":
    case "tag_removed":
      return { type: d.type, tag: d.tag.trim() };
    case "sequence_finished":
      return { type: "sequence_finished", campaign: d.campaign };
    case "link_clicked":
      return { type: "link_clicked", link: d.link.trim() };
    default:
      return { type: d.type } as Trigger;
  }
}

export function actionFrom(a: AutoAction): ActionDraft {
  const d = emptyAction(a.type);
  switch (a.type) {
    case "add_tags":
    case "remove_tags":
      return { ...d, tags: a.tags };
    case "set_attribute":
      return { ...d, key: a.key, value: a.value ?? "" };
    case "assign_store":
      return { ...d, store: a.store ?? "" };
    case "assign_staff":
      return { ...d, staff: a.staff ?? "" };
    case "send": {
      const texts = a.messages.filter((m) => m.type === "text").map((m) => String(m.text ?? ""));
      return { ...d, texts: texts.length || a.messages.length ? texts : [""], other: a.messages.filter((m) => m.type !== "text") as LineMessage[] };
    }
    case "start_sequence":
    case "stop_sequence":
      return { ...d, campaign: a.campaign };
    case "switch_menu":
      return { ...d, menu: a.menu ?? "" };
    case "hand_off":
      return { ...d, minutes: a.minutes == null ? "" : String(a.minutes) };
    case "notify_staff":
      return { ...d, text: a.text };
    case "run":
      return { ...d, automation: a.automation };
  }
}

export function actionOf(d: ActionDraft): AutoAction {
  switch (d.type) {
    case "add_tags":
    case "remove_tags":
      return { type: d.type, tags: clean(d.tags) };
    case "set_attribute":
      return { type: "set_attribute", key: d.key.trim(), value: d.value === "" ? null : d.value };
    case "assign_store":
      return { type: "assign_store", store: d.store || null };
    case "assign_staff":
      return { type: "assign_staff", staff: d.staff || null };
    case "send":
      return { type: "send", messages: [...d.texts.map((text) => ({ type: "text", text })), ...d.other] };
    case "start_sequence":
    case "stop_sequence":
      return { type: d.type, campaign: d.campaign };
    case "switch_menu":
      return { type: "switch_menu", menu: d.menu || null };
    case "hand_off":
      return { type: "hand_off", minutes: d.minutes.trim() === "" ? null : Number(d.minutes) };
    case "notify_staff":
      return { type: "notify_staff", text: d.text };
    case "run":
      return { type: "run", automation: d.automation };
  }
}

export function automationFrom(a: Automation): AutomationDraft {
  return {
    name: a.name, enabled: a.enabled, channel: a.channel ?? "", trigger: triggerFrom(a.trigger),
    actions: a.actions.map(actionFrom), version: a.version,
  };
}

export function automationInput(d: AutomationDraft): AutomationInput {
  return {
    name: d.name.trim(), enabled: d.enabled, channel: d.channel || null, trigger: triggerOf(d.trigger),
    actions: d.actions.map(actionOf), version: d.version,
  };
}

/** What the API would refuse, by its field paths (`trigger.keywords`, `actions[1].tags`). */
export function checkAutomation(d: AutomationDraft, self?: string): Record<string, string> {
  const e: Record<string, string> = {};
  const len = (s: string) => [...s].length;
  const tagOk = (t: string) => len(t.trim()) >= 1 && len(t.trim()) <= 50;
  if (!d.name.trim()) e.name = "required";
  else if (len(d.name) > 100) e.name = "tooLong";
  const t = d.trigger;
  if (t.type === "keyword" && clean(t.keywords).length === 0) e["trigger.keywords"] = "required";
  if (t.type === "postback" && !t.data) e["trigger.data"] = "required";
  if (t.type === "postback" && t.data.startsWith("otodoke:")) e["trigger.data"] = "reserved";
  if ((t.type === "tag_added" || t.type === "tag_removed") && !tagOk(t.tag)) e["trigger.tag"] = t.tag.trim() ? "tooLong" : "required";
  if (t.type === "sequence_finished" && !t.campaign) e["trigger.campaign"] = "required";
  if (t.type === "link_clicked" && !t.link.trim()) e["trigger.link"] = "required";
  if (d.actions.length === 0 || d.actions.length > MAX_ACTIONS) e.actions = "actions";
  d.actions.forEach((a, i) => {
    const f = `actions[${i}]`;
    if ((a.type === "add_tags" || a.type === "remove_tags") && (clean(a.tags).length === 0 || !a.tags.every(tagOk))) e[`${f}.tags`] = "required";
    if (a.type === "set_attribute" && !a.key.trim()) e[`${f}.key`] = "required";
    if (a.type === "set_attribute" && len(a.key.trim()) > 50) e[`${f}.key`] = "tooLong";
    if (a.type === "send") {
      const n = a.texts.length + a.other.length;
      if (n < 1 || n > MAX_MESSAGES) e[`${f}.messages`] = "1to5";
      a.texts.forEach((text, j) => {
        if (!text.trim()) e[`${f}.messages[${j}].text`] = "required";
      });
    }
    if ((a.type === "start_sequence" || a.type === "stop_sequence") && !a.campaign) e[`${f}.campaign`] = "required";
    if (a.type === "hand_off" && a.minutes.trim() !== "" && !/^\d+$/.test(a.minutes.trim())) e[`${f}.minutes`] = "number";
    if (a.type === "notify_staff" && !a.text.trim()) e[`${f}.text`] = "required";
    if (a.type === "run" && !a.automation) e[`${f}.automation`] = "required";
    if (a.type === "run" && self && a.automation === self) e[`${f}.automation`] = "self";
  });
  return e;
}
