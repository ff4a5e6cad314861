import { describe, expect, it } from "vitest";
import type { Automation } from "../../api/models";
import { actionText, firedText, triggerText } from "../../components/automationText";
import { automationFrom, automationInput, checkAutomation, emptyAction, emptyAutomation, emptyTrigger, triggerOf } from "./form";

const automation: Automation = {
  org: "demo", id: "a1", name: "VIP案内", enabled: true, channel: "ch", version: 2, updated_at: "2026-11-01T00:00:00Z",
  trigger: { type: "keyword", keywords: ["VIP", "特典"], exact: true },
  actions: [
    { type: "add_tags", tags: ["vip"] },
    { type: "remove_tags", tags: ["new"] },
    { type: "set_attribute", key: "rank", value: "gold" },
    { type: "set_attribute", key: "old", value: null },
    { type: "assign_store", store: "shibuya" },
    { type: "assign_staff", staff: null },
    { type: "send", messages: [{ type: "text", text: "ようこそ" }, { type: "sticker", packageId: "1", stickerId: "2" }] },
    { type: "start_sequence", campaign: "c1" },
    { type: "stop_sequence", campaign: "c2" },
    { type: "switch_menu", menu: "m1" },
    { type: "switch_menu", menu: null },
    { type: "hand_off", minutes: 30 },
    { type: "hand_off", minutes: null },
    { type: "notify_staff", text: "VIPです" },
    { type: "run", automation: "a2" },
  ],
};

describe("the automation form", () => {
  it("turns an automation into the form and back into the same request", () => {
    const { org: _o, id: _i, updated_at: _u, ...rest } = automation;
    expect(automationInput(automationFrom(automation))).toEqual(rest);
  });

  it("sends every channel as no channel, and each trigger with only its own fields", () => {
    expect(automationInput({ ...emptyAutomation(), name: "x" }).channel).toBeNull();
    expect(triggerOf({ ...emptyTrigger("tag_added"), tag: " vip ", keywords: ["ignored"] })).toEqual({ type: "tag_added", tag: "vip" });
    expect(triggerOf(emptyTrigger("manual"))).toEqual({ type: "manual" });
    expect(triggerOf({ ...emptyTrigger("keyword"), keywords: ["予約", " 予約", ""] })).toEqual({ type: "keyword", keywords: ["予約"], exact: false });
  });

  it("checks what the API would refuse, by its field paths", () => {
    const d = {
      ...emptyAutomation(),
      trigger: emptyTrigger("keyword"),
      actions: [emptyAction("add_tags"), { ...emptyAction("send"), texts: ["", "a", "b", "c", "d", "e"] }, { ...emptyAction("hand_off"), minutes: "soon" }, { ...emptyAction("run"), automation: "me" }],
    };
    expect(checkAutomation(d, "me")).toEqual({
      name: "required", "trigger.keywords": "required", "actions[0].tags": "required", "actions[1].messages": "1to5",
      "actions[1].messages[0].text": "required", "actions[2].minutes": "number", "actions[3].automation": "self",
    });
    expect(checkAutomation({ ...emptyAutomation(), name: "ok", actions: [] })).toEqual({ actions: "actions" });
    expect(checkAutomation({ ...emptyAutomation(), name: "ok", trigger: { ...emptyTrigger("postback"), data: "otodoke:a:1" }, actions: [{ ...emptyAction(), tags: ["t"] }] })).toEqual({ "trigger.data": "reserved" });
  });
});

describe("automations in words", () => {
  const t = ((key: string, o?: Record<string, unknown>) => `${key}${o ? JSON.stringify(o) : ""}`) as never;
  it("summarizes triggers, actions and what fired, with names for ids", () => {
    expect(triggerText(t, { type: "keyword", keywords: ["a", "b"], exact: false })).toBe('auto.sum.keyword{"keywords":"a、b"}');
    expect(triggerText(t, { type: "follow" })).toBe("auto.trigger.follow");
    expect(actionText(t, { type: "run", automation: "a2" }, { automation: () => "次" })).toBe('auto.sum.run{"name":"次"}');
    expect(actionText(t, { type: "switch_menu", menu: null })).toBe("auto.sum.menu_rules");
    expect(actionText(t, { type: "send", messages: [{ type: "text", text: "hi" }] })).toBe('auto.sum.send{"count":1,"text":"hi"}');
    expect(firedText(t, { type: "direct", value: "a1" }, { automation: () => "VIP" })).toBe('auto.fired.direct{"value":"VIP"}');
  });
});
