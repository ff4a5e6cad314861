// Who is signed in, and the token every API call carries.
// - local stack: the dev token from config.json (no password anywhere here);
// - AWS: OpenID Connect authorization code + PKCE (oidc-client-ts) against the
//   stack's Cognito user pool or the template's external issuer; the refresh token
//   renews the ID token in the background, so a working day needs one sign-in.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { configureApi, getJson, hasRoute } from "../api/client";
import type { components } from "../api/schema.gen";
import { loadConfig, type Caller, type ConsoleConfig } from "./config";
import { callerFromClaims } from "./roles";

export interface Session {
  config: ConsoleConfig;
  caller: Caller | null;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside <SessionProvider>");
  return s;
}

export function useCaller(): Caller | null {
  return useSession().caller;
}

type State = { kind: "loading" } | { kind: "ready"; session: Session } | { kind: "failed"; message: string };

/** The caller as the API sees it: `GET /admin/me` answers the staff record, which
 *  (not the token) decides role and stores. */
async function callerFromApi(): Promise<Caller | null> {
  if (!hasRoute("GET /admin/me")) return null;
  const me = await getJson<components["schemas"]["MeView"]>("/admin/me").catch(() => null);
  if (!me) return null;
  return {
    org: me.organization,
    staff: me.staff.id,
    role: me.staff.role as Caller["role"],
    stores: me.staff.stores,
  };
}

async function start(): Promise<Session> {
  const config = await loadConfig();
  if (config.auth.kind === "dev") {
    const token = config.auth.token;
    configureApi(config.api, async () => token, () => {});
    return { config, caller: (await callerFromApi()) ?? config.caller ?? null, signOut: () => {} };
  }
  const auth = config.auth;
  // Loaded only in AWS: keeps oidc-client-ts out of the local bundle's first load.
  const { UserManager, WebStorageStateStore } = await import("oidc-client-ts");
  const base = `${location.origin}${import.meta.env.BASE_URL}`;
  const manager = new UserManager({
    authority: auth.authority,
    client_id: auth.client_id,
    redirect_uri: `${base}callback`,
    post_logout_redirect_uri: base,
    response_type: "code",
    scope: auth.scope ?? "openid email profile",
    automaticSilentRenew: true,
    // sessionStorage: the tokens die with the tab, and no other tab's script shares them.
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  let user = await manager.getUser();
  if (location.pathname.endsWith("/callback")) {
    user = await manager.signinRedirectCallback();
    history.replaceState(null, "", base);
  }
  if (!user || user.expired) {
    if (user?.refresh_token) {
      user = await manager.signinSilent().catch(() => null);
    }
    if (!user) {
      await manager.signinRedirect();
      return new Promise(() => {});
    }
  }
  let current = user;
  manager.events.addUserLoaded((u) => {
    current = u;
  });
  configureApi(
    config.api,
    async () => {
      if (current.expired) current = (await manager.signinSilent()) ?? current;
      // The admin API reads custom:org/role/stores: those are in the ID token.
      return current.id_token ?? null;
    },
    () => void manager.signinRedirect(),
  );
  return {
    config,
    caller: (await callerFromApi()) ?? callerFromClaims(current.profile as Record<string, unknown>),
    signOut: () => {
      void manager.removeUser().then(() => {
        if (auth.logout_url) {
          const u = new URL(auth.logout_url);
          u.searchParams.set("client_id", auth.client_id);
          u.searchParams.set("logout_uri", base);
          location.assign(u.toString());
        } else {
          void manager.signoutRedirect();
        }
      });
    },
  };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    start().then(
      (session) => setState({ kind: "ready", session }),
      (e: unknown) => setState({ kind: "failed", message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  if (state.kind === "loading") return <p className="boot">…</p>;
  if (state.kind === "failed") return <p role="alert" className="boot">sign-in failed: {state.message}</p>;
  return <SessionContext.Provider value={state.session}>{children}</SessionContext.Provider>;
}
