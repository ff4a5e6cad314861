// The menu editor's and the rules editor's state, and their conversion to and from
// the API's shapes (docs/openapi.json: RichMenuInput, MenuRulesInput).
import type { Audience, Bounds, MenuAction, MenuArea, MenuRule, MenuRulesInput, MenuSize, RichMenu } from "../../api/models";
import { MAX_AREAS, clampRect, rescale } from "./geometry";

export type ActionType = MenuAction["type"];
export const ACTION_TYPES: ActionType[] = ["message", "uri", "automation", "tab", "postback"];

/** One area as edited: every action's fields kept, so switching the type loses nothing. */
export interface AreaDraft {
  bounds: Bounds;
  type: ActionType;
  text: string;
  uri: string;
  automation: string;
  menu: string;
  data: string;
  displayText: string;
  label: string;
}

export interface MenuDraft {
  name: string;
  chatBarText: string;
  size: MenuSize;
  selected: boolean;
  areas: AreaDraft[];
  version: number | null;
}

export const emptyArea = (bounds: Bounds): AreaDraft => ({
  bounds, type: "message", text: "", uri: "", automation: "", menu: "", data: "", displayText: "", label: "",
});

export const emptyMenu = (): MenuDraft => ({
  name: "", chatBarText: "メニュー", size: { width: 2500, height: 843 }, selected: true, areas: [], version: null,
});

export function areaFrom(a: MenuArea): AreaDraft {
  const d = { ...emptyArea(a.bounds), type: a.action.type, label: a.label ?? "" };
  switch (a.action.type) {
    case "message":
      return { ...d, text: a.action.text };
    case "uri":
      return { ...d, uri: a.action.uri };
    case "automation":
      return { ...d, automation: a.action.automation, displayText: a.action.display_text ?? "" };
    case "tab":
      return { ...d, menu: a.action.menu };
    case "postback":
      return { ...d, data: a.action.data, displayText: a.action.display_text ?? "" };
  }
}

export function actionOf(d: AreaDraft): MenuAction {
  const displayText = d.displayText.trim() ? d.displayText : null;
  switch (d.type) {
    case "message":
      return { type: "message", text: d.text };
    case "uri":
      return { type: "uri", uri: d.uri.trim() };
    case "automation":
      return { type: "automation", automation: d.automation, display_text: displayText };
    case "tab":
      return { type: "tab", menu: d.menu };
    case "postback":
      return { type: "postback", data: d.data, display_text: displayText };
  }
}

export function menuFrom(m: RichMenu): MenuDraft {
  return {
    name: m.name, chatBarText: m.chat_bar_text, size: m.size, selected: m.selected ?? false,
    areas: m.areas.map(areaFrom), version: m.version,
  };
}

/** The request body of a create or an edit. */
export function menuInput(d: MenuDraft) {
  return {
    name: d.name.trim(),
    chat_bar_text: d.chatBarText,
    size: d.size,
    selected: d.selected,
    areas: d.areas.map((a) => ({ bounds: clampRect(a.bounds, d.size), action: actionOf(a), label: a.label.trim() || null })),
    version: d.version,
  };
}

/** The menu at another size: areas stay where they were, proportionally. */
export function resize(d: MenuDraft, size: MenuSize): MenuDraft {
  return { ...d, size, areas: d.areas.map((a) => ({ ...a, bounds: rescale(a.bounds, d.size, size) })) };
}

/** What the API would refuse, by its field paths (`name`, `areas[0].action.text`). */
export function checkMenu(d: MenuDraft): Record<string, string> {
  const e: Record<string, string> = {};
  const len = (s: string) => [...s].length;
  if (!d.name.trim()) e.name = "required";
  else if (len(d.name) > 300) e.name = "tooLong";
  if (!d.chatBarText.trim()) e.chat_bar_text = "required";
  else if (len(d.chatBarText) > 14) e.chat_bar_text = "tooLong";
  if (d.areas.length > MAX_AREAS) e.areas = "tooMany";
  d.areas.forEach((a, i) => {
    const f = `areas[${i}].action`;
    if (a.type === "message" && !a.text.trim()) e[`${f}.text`] = "required";
    if (a.type === "message" && len(a.text) > 300) e[`${f}.text`] = "tooLong";
    if (a.type === "uri" && !/^(https?:\/\/|tel:|line:\/\/)/.test(a.uri.trim())) e[`${f}.uri`] = "uri";
    if (a.type === "automation" && !a.automation) e[`${f}.automation`] = "required";
    if (a.type === "tab" && !a.menu) e[`${f}.menu`] = "required";
    if (a.type === "postback" && !a.data) e[`${f}.data`] = "required";
    if (a.type === "postback" && a.data.startsWith("otodoke:")) e[`${f}.data`] = "reserved";
  });
  return e;
}

// ---- menu rules ----

/** One rule as edited; the audience's other filters (age, gender, area) are kept as read. */
export interface RuleDraft {
  name: string;
  menu: string;
  tagsAll: string[];
  tagsAny: string[];
  tagsNone: string[];
  stores: string[];
  /** yyyy-mm-dd, or empty. */
  followedSince: string;
  inSequence: string;
  rest: Partial<Audience>;
  /** The follow date's instant as read (kept when the day is not changed). */
  followedSinceRead: string | null;
}

export interface RulesDraft {
  rules: RuleDraft[];
  defaultMenu: string;
  version: number;
}

export const emptyRule = (menu = ""): RuleDraft => ({
  name: "", menu, tagsAll: [], tagsAny: [], tagsNone: [], stores: [], followedSince: "", inSequence: "", rest: {}, followedSinceRead: null,
});

const clean = (tags: string[]) => [...new Set(tags.map((t) => t.trim()).filter(Boolean))];

export function ruleFrom(r: MenuRule): RuleDraft {
  const a = r.segment.audience;
  const { tags_all, tags_any, tags_none, stores, followed_since, ...rest } = a ?? ({} as Partial<Audience>);
  return {
    name: r.name, menu: r.menu, tagsAll: tags_all ?? [], tagsAny: tags_any ?? [], tagsNone: tags_none ?? [],
    stores: stores ?? [], followedSince: followed_since ? followed_since.slice(0, 10) : "", inSequence: r.segment.in_sequence ?? "", rest,
    followedSinceRead: followed_since ?? null,
  };
}

/** A date picked in Japan as the instant it starts there. */
const jstMidnight = (day: string) => `${day}T00:00:00+09:00`;
const sameDay = (a: string | null | undefined, day: string) => !!a && a.slice(0, 10) === day;

export function ruleOf(d: RuleDraft): MenuRule {
  const old = d.followedSinceRead;
  const audience: Audience = {
    age_min: null, age_max: null, genders: [], prefectures: [], line_demographics: null,
    ...d.rest,
    tags_all: clean(d.tagsAll), tags_any: clean(d.tagsAny), tags_none: clean(d.tagsNone), stores: d.stores,
    // The date as read stays the instant as read (no drift on a save without changes).
    followed_since: d.followedSince ? (sameDay(old, d.followedSince) ? old! : jstMidnight(d.followedSince)) : null,
  };
  return { name: d.name.trim(), menu: d.menu, segment: { audience, in_sequence: d.inSequence || null } };
}

export function rulesFrom(v: { rules: MenuRule[]; default?: string | null; version: number }): RulesDraft {
  return { rules: v.rules.map(ruleFrom), defaultMenu: v.default ?? "", version: v.version };
}

export function rulesInput(d: RulesDraft): MenuRulesInput {
  return { rules: d.rules.map(ruleOf), default: d.defaultMenu || null, version: d.version };
}

/** `list` with item `i` moved by `by` places (-1 up, +1 down); unchanged at the ends. */
export function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return list;
  const out = list.slice();
  const [item] = out.splice(i, 1) as [T];
  out.splice(j, 0, item);
  return out;
}

export function checkRules(d: RulesDraft): Record<string, string> {
  const e: Record<string, string> = {};
  d.rules.forEach((r, i) => {
    if (!r.name.trim()) e[`rules[${i}].name`] = "required";
    if (!r.menu) e[`rules[${i}].menu`] = "required";
  });
  return e;
}
