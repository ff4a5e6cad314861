// The staff inbox's calls (docs/openapi.json, tag `inbox`), through the one client.
import { api, getJson, rawFetch, unwrap } from "../../api/client";
import type { Schemas } from "../../api/models";
import { filterQuery, type ThreadFilter, type ThreadStatus, type ThreadView } from "./threads";

export type SendBody = Schemas["SendBody"];
export type Note = Schemas["NoteView"];

export interface ThreadRef {
  channel_id: string;
  user_id: string;
}

const path = (t: ThreadRef) => ({ params: { path: { channel_id: t.channel_id, user_id: t.user_id } } });

export const PAGE = 30;

export const listThreads = (f: ThreadFilter, cursor: string | null) =>
  getJson<Schemas["ThreadPage"]>("/admin/threads", { ...filterQuery(f), cursor, limit: PAGE });

/** Without `since`: no threads, and the cursor to poll from. */
export const threadChanges = (since: string | null) =>
  getJson<Schemas["ThreadChanges"]>("/admin/threads/changes", { since });

export const getThread = (t: ThreadRef) => unwrap<ThreadView>(api.GET("/admin/threads/{channel_id}/{user_id}", path(t)));

/** Sends as the caller; the same key sends once however often it is posted. */
export const sendMessage = (t: ThreadRef, body: SendBody, idempotencyKey: string) =>
  unwrap<Schemas["SentMessage"]>(
    api.POST("/admin/threads/{channel_id}/{user_id}/messages", {
      params: { ...path(t).params, header: { "Idempotency-Key": idempotencyKey } },
      body,
    }),
  );

export const markRead = (t: ThreadRef) => unwrap<Schemas["ReadResult"]>(api.POST("/admin/threads/{channel_id}/{user_id}/read", path(t)));

export const assign = (t: ThreadRef, staff_id: string | null) =>
  unwrap<ThreadView>(api.PUT("/admin/threads/{channel_id}/{user_id}/assignee", { ...path(t), body: { staff_id } }));

export const setStatus = (t: ThreadRef, status: ThreadStatus) =>
  unwrap<ThreadView>(api.PUT("/admin/threads/{channel_id}/{user_id}/status", { ...path(t), body: { status } }));

export const takeOver = (t: ThreadRef) =>
  unwrap<ThreadView>(api.POST("/admin/threads/{channel_id}/{user_id}/handoff", { ...path(t), body: {} }));

export const returnToBot = (t: ThreadRef) =>
  unwrap<ThreadView>(api.DELETE("/admin/threads/{channel_id}/{user_id}/handoff", path(t)));

const friend = (provider: string, user_id: string) => ({ params: { path: { provider, user_id } } });

export const listNotes = (provider: string, user: string) =>
  unwrap<Schemas["NoteList"]>(api.GET("/admin/friends/{provider}/{user_id}/notes", friend(provider, user)));

export const addNote = (provider: string, user: string, text: string) =>
  unwrap<unknown>(api.POST("/admin/friends/{provider}/{user_id}/notes", { ...friend(provider, user), body: { text } }));

export const deleteNote = (provider: string, user: string, note_id: string) =>
  unwrap<unknown>(
    api.DELETE("/admin/friends/{provider}/{user_id}/notes/{note_id}", { params: { path: { provider, user_id: user, note_id } } }),
  );

export const getInboxSettings = (store: string) =>
  unwrap<Schemas["InboxSettingsView"]>(api.GET("/admin/stores/{store_id}/inbox", { params: { path: { store_id: store } } }));

/** LINE's largest image message (the upload route refuses more with a 413). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** Uploads a JPEG or PNG to the store's media (raw bytes, their own type): the
 *  original's and the preview's URLs to send, valid for an hour. */
export async function uploadImage(store_id: string, file: Blob): Promise<Schemas["UploadedMedia"]> {
  const response = await rawFetch(`/admin/stores/${encodeURIComponent(store_id)}/media`, {
    method: "POST",
    body: file,
    headers: { "Content-Type": file.type },
  });
  return (await response.json()) as Schemas["UploadedMedia"];
}
