// Automations in words: a trigger, an action, what fired a run. Shared by the
// automations page and the friend page's timeline; `names` turns ids into names.
import type { TFunction } from "i18next";
import type { AutoAction, Fired, Trigger } from "../api/models";

export interface Names {
  automation?: (id: string) => string;
  campaign?: (id: string) => string;
  menu?: (id: string) => string;
  store?: (id: string) => string;
  staff?: (id: string) => string;
}

const named = (f: ((id: string) => string) | undefined, id: string) => (f ? f(id) : id);
const list = (items: string[]) => items.join("、");

export function triggerText(t: TFunction, trigger: Trigger, names: Names = {}): string {
  switch (trigger.type) {
    case "keyword":
      return t(trigger.exact ? "auto.sum.keywordExact" : "auto.sum.keyword", { keywords: list(trigger.keywords) });
    case "postback":
      return t("auto.sum.postback", { data: trigger.data });
    case "tag_added":
    case "tag_removed":
      return t(`auto.sum.${trigger.type}`, { tag: trigger.tag });
    case "sequence_finished":
      return t("auto.sum.sequence_finished", { name: named(names.campaign, trigger.campaign) });
    case "link_clicked":
      return t("auto.sum.link_clicked", { link: trigger.link });
    default:
      return t(`auto.trigger.${trigger.type}`);
  }
}

export function actionText(t: TFunction, a: AutoAction, names: Names = {}): string {
  switch (a.type) {
    case "add_tags":
    case "remove_tags":
      return t(`auto.sum.${a.type}`, { tags: list(a.tags) });
    case "set_attribute":
      return a.value == null ? t("auto.sum.unset_attribute", { key: a.key }) : t("auto.sum.set_attribute", { key: a.key, value: a.value });
    case "assign_store":
      return a.store ? t("auto.sum.assign_store", { name: named(names.store, a.store) }) : t("auto.sum.unassign_store");
    case "assign_staff":
      return a.staff ? t("auto.sum.assign_staff", { name: named(names.staff, a.staff) }) : t("auto.sum.unassign_staff");
    case "send": {
      const first = a.messages.find((m) => m.type === "text");
      return t("auto.sum.send", { count: a.messages.length, text: first ? String(first.text ?? "") : `[${a.messages[0]?.type ?? ""}]` });
    }
    case "start_sequence":
    case "stop_sequence":
      return t(`auto.sum.${a.type}`, { name: named(names.campaign, a.campaign) });
    case "switch_menu":
      return a.menu ? t("auto.sum.switch_menu", { name: named(names.menu, a.menu) }) : t("auto.sum.menu_rules");
    case "hand_off":
      return a.minutes == null ? t("auto.sum.hand_off_default") : t("auto.sum.hand_off", { minutes: a.minutes });
    case "notify_staff":
      return t("auto.sum.notify_staff", { text: a.text });
    case "run":
      return t("auto.sum.run", { name: named(names.automation, a.automation) });
  }
}

export function firedText(t: TFunction, f: Fired, names: Names = {}): string {
  switch (f.type) {
    case "follow":
    case "unblock":
      return t(`auto.fired.${f.type}`);
    case "sequence_finished":
      return t("auto.fired.sequence_finished", { value: named(names.campaign, f.value) });
    case "direct":
      return t("auto.fired.direct", { value: named(names.automation, f.value) });
    default:
      return t(`auto.fired.${f.type}`, { value: f.value });
  }
}
