// Queries more than one feature reads (the query cache shares them by key).
import { useQuery } from "@tanstack/react-query";
import { api, getJson, unwrap } from "./client";
import type { Channel, ConversationEntry, Friend, Page, Quota, Staff } from "./models";

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
    queryFn: (): Promise<Channel[]> => unwrap(api.GET("/admin/channels")),
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
