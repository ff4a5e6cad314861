import { useQuery } from "@tanstack/react-query";
import { getJson, rawFetch } from "../../api/client";
import type { Friend, Page } from "../../api/models";
import type { FlatStore } from "../../app/stores";
import { buildThreads, dayIn, rowsFromExport, type Thread } from "./threads";

const DAYS = 7;

async function exportRows(store: FlatStore) {
  const now = Date.now();
  const from = dayIn(store.time_zone, new Date(now - (DAYS - 1) * 86_400_000));
  // Tomorrow too: the browser's clock and the server's may straddle midnight.
  const to = dayIn(store.time_zone, new Date(now + 86_400_000));
  const q = new URLSearchParams({ from, to });
  const response = await rawFetch(`/admin/stores/${encodeURIComponent(store.id)}/conversations.csv?${q}`);
  return rowsFromExport(await response.text());
}

async function storeFriends(store: string): Promise<Friend[]> {
  const page = await getJson<Page<Friend>>(`/admin/stores/${encodeURIComponent(store)}/friends`, { limit: 200 });
  return page.items;
}

/** The store's threads, polled every second: a customer's message shows within 2 s. */
export function useThreads(store: FlatStore | null, readUpTo: Record<string, string>) {
  return useQuery({
    queryKey: ["threads", store?.id],
    enabled: !!store,
    refetchInterval: 1000,
    queryFn: async () => {
      const [rows, friends] = await Promise.all([exportRows(store!), storeFriends(store!.id)]);
      return { rows, friends };
    },
    select: (d): Thread[] => buildThreads(d.rows, d.friends, readUpTo),
  });
}


