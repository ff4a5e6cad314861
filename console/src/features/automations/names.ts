// Ids as names for the summaries (automations, sequences, menus, stores, staff).
import { useMemo } from "react";
import { useAutomations, useChannels, useRichMenus, useSequences, useStaff } from "../../api/queries";
import { useStore } from "../../app/stores";
import type { Names } from "../../components/automationText";

export function useNames(channel?: string | null): Names {
  const automations = useAutomations();
  const sequences = useSequences();
  const channels = useChannels();
  const menus = useRichMenus(channel || channels.data?.[0]?.id || null);
  const staff = useStaff();
  const { stores } = useStore();
  return useMemo(() => {
    const map = (items: Array<{ id: string; name?: string; display_name?: string }> | undefined) => {
      const m = new Map((items ?? []).map((i) => [i.id, i.name ?? i.display_name ?? i.id]));
      return (id: string) => m.get(id) ?? id;
    };
    return {
      automation: map(automations.data),
      campaign: map(sequences.data),
      menu: map(menus.data),
      store: map(stores),
      staff: map(staff.data),
    };
  }, [automations.data, sequences.data, menus.data, stores, staff.data]);
}
