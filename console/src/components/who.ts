import type { TFunction } from "i18next";
import type { SenderKind, Staff } from "../api/models";

/** Who sent a message, in words: the customer, a staff member's name, the rule, ... */
export function senderName(t: TFunction, sender: SenderKind, staff: Staff[] = []): string {
  switch (sender.kind) {
    case "customer":
      return t("who.customer");
    case "staff": {
      const s = staff.find((m) => m.id === sender.id);
      return t("who.staff", { name: s?.sender_name || s?.display_name || sender.id });
    }
    case "rule":
      return t("who.rule", { id: sender.id });
    case "intent":
      return t("who.intent", { id: sender.id });
    case "campaign":
      return t("who.campaign", { id: sender.id });
    default:
      return t(`who.${sender.kind}`);
  }
}
