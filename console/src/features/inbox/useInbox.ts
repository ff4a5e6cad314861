// The inbox's data: pages of threads (infinite scroll by cursor) kept current by the
// changes poll, merged by version (./threads.ts), and the answers of staff actions.
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { listThreads, threadChanges } from "./api";
import { NO_FILTER, mergeThreads, threadKey, type ThreadFilter, type ThreadView } from "./threads";

/** How often the changes poll runs: a customer's message shows within 2 s. */
const POLL_MS = 1500;

export function useInbox(filter: ThreadFilter, me: string | null) {
  const queryClient = useQueryClient();
  const pages = useInfiniteQuery({
    queryKey: ["threads", filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => listThreads(filter, pageParam),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  // Threads seen since the pages loaded (the poll and the actions' answers), per key.
  const [seen, setSeen] = useState<ThreadView[]>([]);
  const upsert = useCallback((changed: ThreadView[]) => {
    if (changed.length) setSeen((s) => mergeThreads(s, changed, NO_FILTER, null));
  }, []);

  const cursor = useRef<string | null>(null);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const answer = await threadChanges(cursor.current);
        if (stop) return;
        // The first call only answers where to start.
        if (cursor.current !== null && answer.threads.length) {
          upsert(answer.threads);
          for (const t of answer.threads) {
            void queryClient.invalidateQueries({ queryKey: ["history", t.customer.provider, t.customer.user_id] });
          }
        }
        cursor.current = answer.cursor;
      } catch {
        // A failed poll is retried on the next tick; the cursor is unchanged.
      }
      if (!stop) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [upsert, queryClient]);

  const threads = useMemo(() => {
    const loaded = pages.data?.pages.flatMap((p) => p.items) ?? [];
    return mergeThreads(loaded, seen, filter, me);
  }, [pages.data, seen, filter, me]);

  const find = useCallback(
    (key: string | null) => (key ? (threads.find((t) => threadKey(t) === key) ?? seen.find((t) => threadKey(t) === key) ?? null) : null),
    [threads, seen],
  );

  return { pages, threads, upsert, find };
}
