// The inbox's thread list, built on the conversation routes the admin API has today:
// the store's CSV export of the last days (one request: every message with its
// friend, time, direction and sender) merged with the store's friend list (provider,
// tags, picture). When the staff-chat API (issue #12) lists threads itself,
// `listThreads` in ./staffChat.ts uses that instead.
import type { Friend, SenderKind } from "../../api/models";

export interface ExportRow {
  at: string;
  inbound: boolean;
  userId: string;
  name: string;
  sender: SenderKind;
  text: string;
}

export interface Thread {
  userId: string;
  provider: string | null;
  name: string;
  pictureUrl: string | null;
  tags: string[];
  lastText: string;
  lastAt: string;
  lastSender: SenderKind;
  unread: number;
}

/** RFC 4180 CSV (quoted fields, CRLF, a leading BOM) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The export's sender column (`customer`, `rule:hours`, `staff:sakura`, ...). */
export function senderFromLabel(label: string): SenderKind {
  const [kind, ...rest] = label.split(":");
  const id = rest.join(":");
  switch (kind) {
    case "rule":
    case "intent":
    case "staff":
    case "campaign":
      return { kind, id };
    case "greeting":
    case "after_hours":
    case "fallback":
      return { kind };
    default:
      return { kind: "customer" };
  }
}

/** The export's rows after its header (日時, 方向, LINEユーザーID, 表示名, 送信者, メッセージ). */
export function rowsFromExport(csv: string): ExportRow[] {
  return parseCsv(csv)
    .slice(1)
    .filter((r) => r.length >= 6)
    .map(([at, direction, userId, name, sender, text]) => ({
      at: at!,
      inbound: direction === "受信",
      userId: userId!,
      name: name!,
      sender: senderFromLabel(sender!),
      text: text!,
    }));
}

/** Threads, newest activity first; `readUpTo` holds, per user id, the last time read. */
export function buildThreads(rows: ExportRow[], friends: Friend[], readUpTo: Record<string, string>): Thread[] {
  const byUser = new Map<string, Friend>();
  for (const f of friends) byUser.set(f.key.user_id, f);
  const threads = new Map<string, Thread & { lastMs: number }>();
  for (const row of rows) {
    const ms = Date.parse(row.at);
    let t = threads.get(row.userId);
    if (!t) {
      const f = byUser.get(row.userId);
      t = {
        userId: row.userId,
        provider: f?.key.provider ?? null,
        name: f?.display_name || row.name || row.userId,
        pictureUrl: f?.picture_url ?? null,
        tags: f?.tags ?? [],
        lastText: row.text,
        lastAt: row.at,
        lastSender: row.sender,
        unread: 0,
        lastMs: ms,
      };
      threads.set(row.userId, t);
    }
    if (ms >= t.lastMs) {
      t.lastMs = ms;
      t.lastAt = row.at;
      t.lastText = row.text;
      t.lastSender = row.sender;
    }
    const read = readUpTo[row.userId];
    if (row.inbound && (!read || ms > Date.parse(read))) t.unread++;
  }
  return [...threads.values()]
    .sort((a, b) => b.lastMs - a.lastMs)
    .map(({ lastMs: _, ...t }) => t);
}

export interface ThreadFilter {
  unreadOnly: boolean;
  /** Contained in the name, the last message or a tag (case-insensitive). */
  text: string;
}

export function filterThreads(threads: Thread[], f: ThreadFilter): Thread[] {
  const q = f.text.trim().toLowerCase();
  return threads.filter(
    (t) =>
      (!f.unreadOnly || t.unread > 0) &&
      (!q || t.name.toLowerCase().includes(q) || t.lastText.toLowerCase().includes(q) || t.tags.some((x) => x.toLowerCase().includes(q))),
  );
}

/** `YYYY-MM-DD` of `at` in `timeZone` (the export's days are the store's). */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
