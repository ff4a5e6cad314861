// Queries more than one feature reads (the query cache shares them by key).
import { useQuery } from "@tanstack/react-query";
import { api, getJson, unwrap } from "./client";
import type { Automation, AutomationRun, Campaign, Channel, ConversationEntry, Friend, Page, Quota, RichMenu, Staff } from "./models";

export function useFriend(provider: string | null, user: string | null) {
  return useQuery({
    queryKey: ["friend", provider, user],
    enabled: !!provider && !!user,
    queryFn: (): Promise<Friend> =>
      unwrap(api.GET("/admin/friends/{provider}/{user_id}", { params: { path: { provider: provider!, user_id: user! } } })),
  });
}

export function useStaff() {
  return useQuery({
    queryKey: ["staff"],
    staleTime: 60_000,
    queryFn: (): Promise<Staff[]> => unwrap(api.GET("/admin/staff")),
  });
}

export function useChannels() {
  return useQuery({
    queryKey: ["channels"],
    staleTime: 60_000,
    queryFn: async (): Promise<Channel[]> => unwrap(api.GET("/admin/channels")),
  });
}

export function useQuota(channel: string | null) {
  return useQuery({
    queryKey: ["quota", channel],
    enabled: !!channel,
    refetchInterval: 10_000,
    queryFn: () =>
      unwrap<Quota>(api.GET("/admin/channels/{channel_id}/quota", { params: { path: { channel_id: channel! } } })),
  });
}

/** A friend's last 100 messages, oldest first, polled while shown. */
export function useHistory(provider: string | null, user: string | null) {
  return useQuery({
    queryKey: ["history", provider, user],
    enabled: !!provider && !!user,
    refetchInterval: 1500,
    queryFn: async () => {
      const page = await getJson<Page<ConversationEntry>>(
        `/admin/friends/${encodeURIComponent(provider!)}/${encodeURIComponent(user!)}/history`,
        { limit: 100 },
      );
      return page.items.slice().reverse();
    },
  });
}

/** The organization's automations (menu areas and automations pick from them). */
export function useAutomations() {
  return useQuery({
    queryKey: ["automations"],
    queryFn: async (): Promise<Automation[]> => (await unwrap(api.GET("/admin/automations"))).items,
  });
}

/** A channel's rich menus, oldest first. */
export function useRichMenus(channel: string | null) {
  return useQuery({
    queryKey: ["richmenus", channel],
    enabled: !!channel,
    queryFn: async (): Promise<RichMenu[]> =>
      (await unwrap(api.GET("/admin/channels/{channel_id}/richmenus", { params: { path: { channel_id: channel! } } }))).items,
  });
}

/** The organization's step sequences (campaigns scheduled as a sequence), first page. */
export function useSequences() {
  return useQuery({
    queryKey: ["sequences"],
    staleTime: 30_000,
    queryFn: async (): Promise<Campaign[]> =>
      (await getJson<Page<Campaign>>("/admin/campaigns", { limit: 100 })).items.filter((c) => c.schedule.kind === "sequence"),
  });
}

/** A friend's automation runs, newest first (their timeline). */
export function useFriendRuns(provider: string | null, user: string | null) {
  return useQuery({
    queryKey: ["friend-runs", provider, user],
    enabled: !!provider && !!user,
    refetchInterval: 10_000,
    queryFn: () =>
      getJson<Page<AutomationRun>>(`/admin/friends/${encodeURIComponent(provider!)}/${encodeURIComponent(user!)}/automation-runs`, { limit: 50 }),
  });
}
