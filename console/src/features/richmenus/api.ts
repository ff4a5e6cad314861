import { api, rawFetch, sendJson, unwrap } from "../../api/client";
import type { MenuRulesInput, MenuRulesPreview, MenuRulesView, RelinkJob, RichMenu } from "../../api/models";
import type { menuInput } from "./form";

const ch = (channel: string) => `/admin/channels/${encodeURIComponent(channel)}`;
const menuPath = (channel: string, id: string) => `${ch(channel)}/richmenus/${encodeURIComponent(id)}`;

export const getMenu = (channel: string, id: string) =>
  unwrap<RichMenu>(api.GET("/admin/channels/{channel_id}/richmenus/{menu_id}", { params: { path: { channel_id: channel, menu_id: id } } }));
export const createMenu = (channel: string, body: ReturnType<typeof menuInput>) => sendJson<RichMenu>("POST", `${ch(channel)}/richmenus`, body);
export const updateMenu = (channel: string, id: string, body: ReturnType<typeof menuInput>) => sendJson<RichMenu>("PUT", menuPath(channel, id), body);
export const deleteMenu = (channel: string, id: string) => sendJson<null>("DELETE", menuPath(channel, id));
export const publishMenu = (channel: string, id: string) => sendJson<RichMenu>("POST", `${menuPath(channel, id)}/publish`);
/** The raw image with its own Content-Type (the API checks type, 1 MB and size). */
export async function uploadImage(channel: string, id: string, file: Blob): Promise<RichMenu> {
  const r = await rawFetch(`${menuPath(channel, id)}/image`, { method: "PUT", body: file, headers: { "Content-Type": file.type } });
  return (await r.json()) as RichMenu;
}

export const getRules = (channel: string) =>
  unwrap<MenuRulesView>(api.GET("/admin/channels/{channel_id}/menu-rules", { params: { path: { channel_id: channel } } }));
export const putRules = (channel: string, body: MenuRulesInput) => sendJson<MenuRulesView>("PUT", `${ch(channel)}/menu-rules`, body);
export const previewRules = (channel: string, body: MenuRulesInput) =>
  sendJson<MenuRulesPreview>("POST", `${ch(channel)}/menu-rules/preview`, body);
export const getRelinkJob = (channel: string, job: string) =>
  unwrap<RelinkJob>(api.GET("/admin/channels/{channel_id}/relink-jobs/{job_id}", { params: { path: { channel_id: channel, job_id: job } } }));
