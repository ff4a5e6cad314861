import { api, sendJson, unwrap } from "../../api/client";
import type { Schemas } from "../../api/models";

const store = (id: string) => `/admin/stores/${encodeURIComponent(id)}`;
const p = (store_id: string) => ({ params: { path: { store_id } } });

export const getRules = (id: string) => unwrap<Schemas["Rules"]>(api.GET("/admin/stores/{store_id}/rules", p(id)));
export const putRules = (id: string, body: Schemas["Rules"]) => sendJson<Schemas["Rules"]>("PUT", `${store(id)}/rules`, body);
export const getIntents = (id: string) => unwrap<Schemas["Intents"]>(api.GET("/admin/stores/{store_id}/intents", p(id)));
export const putIntents = (id: string, body: Schemas["Intents"]) => sendJson<Schemas["Intents"]>("PUT", `${store(id)}/intents`, body);
export const getHours = (id: string) => unwrap<Schemas["Hours"]>(api.GET("/admin/stores/{store_id}/hours", p(id)));
export const putHours = (id: string, body: Schemas["Hours"]) => sendJson<Schemas["Hours"]>("PUT", `${store(id)}/hours`, body);
export const getHolidays = (id: string) => unwrap<Schemas["Holidays"]>(api.GET("/admin/stores/{store_id}/holidays", p(id)));
export const putHolidays = (id: string, body: Schemas["Holidays"]) => sendJson<Schemas["Holidays"]>("PUT", `${store(id)}/holidays`, body);
export const getStore = (id: string) => unwrap<Schemas["StoreView"]>(api.GET("/admin/stores/{store_id}", p(id)));
export const patchStore = (id: string, body: Record<string, unknown>) => sendJson<Schemas["StoreView"]>("PATCH", store(id), body);
export const teach = (id: string, intent: string, text: string) =>
  sendJson<Schemas["Intents"]>("POST", `${store(id)}/intents/${encodeURIComponent(intent)}/examples`, { text });
export const preview = (id: string, text: string, at?: string) =>
  sendJson<Schemas["Preview"]>("POST", `${store(id)}/preview`, { message: { type: "text", text }, at: at || null });
/** The store's staff-chat settings (hand-off window, 既読, canned replies). */
export const getInboxSettings = (id: string) => unwrap<Schemas["InboxSettingsView"]>(api.GET("/admin/stores/{store_id}/inbox", p(id)));
export const putInboxSettings = (id: string, body: Schemas["InboxSettingsView"]) =>
  unwrap<Schemas["InboxSettingsView"]>(api.PUT("/admin/stores/{store_id}/inbox", { ...p(id), body }));
