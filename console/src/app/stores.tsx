// The organization and its store tree (what the caller may see), and the store the
// pages work on, chosen in the header and kept in localStorage.
import { useQuery } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, unwrap } from "../api/client";
import type { Organization, StoreNode } from "../api/models";
import { useCaller } from "../auth/session";

export interface FlatStore {
  id: string;
  name: string;
  depth: number;
  time_zone: string;
}

export function flattenStores(nodes: StoreNode[], depth = 0, out: FlatStore[] = []): FlatStore[] {
  for (const n of nodes) {
    out.push({ id: n.id, name: n.name, depth, time_zone: n.time_zone });
    flattenStores(n.children, depth + 1, out);
  }
  return out;
}

export function useOrganization() {
  const caller = useCaller();
  const org = caller?.org ?? "";
  return useQuery({
    queryKey: ["organization", org],
    enabled: !!org,
    queryFn: () =>
      unwrap<Organization>(api.GET("/admin/organizations/{org_id}", { params: { path: { org_id: org } } })),
    staleTime: 60_000,
  });
}

interface StoreChoice {
  stores: FlatStore[];
  store: FlatStore | null;
  setStore: (id: string) => void;
}

const StoreContext = createContext<StoreChoice>({ stores: [], store: null, setStore: () => {} });

export function StoreProvider({ children }: { children: ReactNode }) {
  const org = useOrganization();
  const stores = useMemo(() => flattenStores(org.data?.stores ?? []), [org.data]);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem("otodoke.store"));
  useEffect(() => {
    if (chosen) localStorage.setItem("otodoke.store", chosen);
  }, [chosen]);
  const store =
    stores.find((s) => s.id === chosen) ??
    stores.find((s) => s.id === org.data?.default_store) ??
    stores[0] ??
    null;
  const value = useMemo(() => ({ stores, store, setStore: setChosen }), [stores, store]);
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

export function useStore(): StoreChoice {
  return useContext(StoreContext);
}

/** A store's name from its id, for ids the API returns bare (a staff member's stores,
 * a channel's store); the id itself when the caller cannot see that store. */
export function useStoreName(): (id: string | null | undefined) => string {
  const { stores } = useStore();
  return useMemo(() => {
    const names = new Map(stores.map((s) => [s.id, s.name]));
    return (id) => (id ? (names.get(id) ?? id) : "—");
  }, [stores]);
}

/** How a channel is named in pickers: LINE channels have no name of their own in
 * otodoke, so the store it belongs to (or sends new friends to) says which one it is,
 * with the channel id beside it to tell two channels of one store apart. */
export function useChannelLabel(): (channel: { id: string; store_id?: string | null; default_store?: string | null }) => string {
  const storeName = useStoreName();
  return useCallback(
    (c) => {
      const store = c.store_id ?? c.default_store;
      return store ? `${storeName(store)} · ${c.id}` : c.id;
    },
    [storeName],
  );
}
