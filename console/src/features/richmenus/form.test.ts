import { describe, expect, it } from "vitest";
import type { MenuRule, RichMenu } from "../../api/models";
import { checkMenu, checkRules, emptyArea, emptyMenu, emptyRule, menuFrom, menuInput, move, resize, ruleFrom, ruleOf, rulesFrom, rulesInput } from "./form";

const menu: RichMenu = {
  org: "demo", channel: "ch", id: "m1", name: "通常メニュー", chat_bar_text: "メニュー", size: { width: 2500, height: 843 }, selected: true,
  areas: [
    { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: "message", text: "予約したい" }, label: "予約" },
    { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: "automation", automation: "a1", display_text: "クーポン" } },
    { bounds: { x: 0, y: 0, width: 100, height: 100 }, action: { type: "tab", menu: "m2" } },
    { bounds: { x: 0, y: 0, width: 100, height: 100 }, action: { type: "uri", uri: "https://example.jp" } },
    { bounds: { x: 0, y: 0, width: 100, height: 100 }, action: { type: "postback", data: "shop=1" } },
  ],
  image: null, published: null, updated_at: "2026-11-01T00:00:00Z", version: 3, image_url: null, is_published: false,
};

describe("the menu editor's form", () => {
  it("turns a menu into the form and back into the same request", () => {
    const body = menuInput(menuFrom(menu));
    expect(body).toEqual({
      name: "通常メニュー", chat_bar_text: "メニュー", size: menu.size, selected: true, version: 3,
      areas: [
        { bounds: menu.areas[0]!.bounds, action: { type: "message", text: "予約したい" }, label: "予約" },
        { bounds: menu.areas[1]!.bounds, action: { type: "automation", automation: "a1", display_text: "クーポン" }, label: null },
        { bounds: menu.areas[2]!.bounds, action: { type: "tab", menu: "m2" }, label: null },
        { bounds: menu.areas[3]!.bounds, action: { type: "uri", uri: "https://example.jp" }, label: null },
        { bounds: menu.areas[4]!.bounds, action: { type: "postback", data: "shop=1", display_text: null }, label: null },
      ],
    });
  });

  it("keeps each action's fields when the action type is switched back and forth", () => {
    const d = menuFrom(menu);
    const area = { ...d.areas[0]!, type: "uri" as const, uri: "https://x.jp" };
    const back = { ...area, type: "message" as const };
    expect(menuInput({ ...d, areas: [back] }).areas[0]!.action).toEqual({ type: "message", text: "予約したい" });
  });

  it("moves areas with the menu when its size changes", () => {
    const d = resize({ ...emptyMenu(), areas: [emptyArea({ x: 1250, y: 0, width: 1250, height: 843 })] }, { width: 800, height: 270 });
    expect(d.areas[0]!.bounds).toEqual({ x: 400, y: 0, width: 400, height: 270 });
  });

  it("checks what the API would refuse, by its field paths", () => {
    const d = { ...emptyMenu(), chatBarText: "あ".repeat(15), areas: [emptyArea({ x: 0, y: 0, width: 10, height: 10 }), { ...emptyArea({ x: 0, y: 0, width: 10, height: 10 }), type: "postback" as const, data: "otodoke:a:x" }] };
    expect(checkMenu(d)).toEqual({ name: "required", chat_bar_text: "tooLong", "areas[0].action.text": "required", "areas[1].action.data": "reserved" });
    const tooMany = { ...emptyMenu(), name: "x", areas: Array.from({ length: 21 }, () => ({ ...emptyArea({ x: 0, y: 0, width: 10, height: 10 }), text: "hi" })) };
    expect(checkMenu(tooMany)).toEqual({ areas: "tooMany" });
  });
});

describe("the menu rules' form", () => {
  const rule: MenuRule = {
    name: "VIP", menu: "m1",
    segment: {
      audience: {
        tags_all: ["vip"], tags_any: [], tags_none: ["stop"], stores: ["shibuya"], followed_since: "2026-04-01T00:00:00+09:00",
        age_min: 20, age_max: null, genders: ["female"], prefectures: [], line_demographics: null,
      },
      in_sequence: "c1",
    },
  };

  it("turns a rule into the form and back without losing the filters it does not edit", () => {
    expect(ruleOf(ruleFrom(rule))).toEqual(rule);
  });

  it("sends a follow date picked in the form as the start of that day in Japan", () => {
    const r = ruleOf({ ...emptyRule("m1"), name: "新規", followedSince: "2026-11-01" });
    expect(r.segment.audience!.followed_since).toBe("2026-11-01T00:00:00+09:00");
    expect(r.segment.in_sequence).toBeNull();
  });

  it("cleans tags (blanks and repeats) before sending", () => {
    const r = ruleOf({ ...emptyRule("m1"), name: "x", tagsAny: ["a", " a ", "", "b"] });
    expect(r.segment.audience!.tags_any).toEqual(["a", "b"]);
  });

  it("reorders rules up and down, and leaves them alone at the ends", () => {
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    const list = ["a", "b"];
    expect(move(list, 0, -1)).toBe(list);
    expect(move(list, 1, 1)).toBe(list);
  });

  it("sends the rules in their order with the default and the version read", () => {
    const d = rulesFrom({ rules: [rule, { ...rule, name: "2" }], default: "m0", version: 4 });
    const body = rulesInput({ ...d, rules: move(d.rules, 1, -1) });
    expect(body.rules.map((r) => r.name)).toEqual(["2", "VIP"]);
    expect(body.default).toBe("m0");
    expect(body.version).toBe(4);
    expect(rulesInput({ ...d, defaultMenu: "" }).default).toBeNull();
  });

  it("asks for a name and a menu on every rule", () => {
    expect(checkRules({ rules: [emptyRule()], defaultMenu: "", version: 0 })).toEqual({ "rules[0].name": "required", "rules[0].menu": "required" });
  });
});
