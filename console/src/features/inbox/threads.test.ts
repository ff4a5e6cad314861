import { describe, expect, it } from "vitest";
import type { Friend } from "../../api/models";
import { buildThreads, dayIn, filterThreads, parseCsv, rowsFromExport } from "./threads";

const CSV =
  "\uFEFF" +
  [
    '"日時","方向","LINEユーザーID","表示名","送信者","メッセージ"',
    '"2026-11-20T10:00:00+09:00","受信","U1","花子","customer","こんにちは, ""予約"""',
    '"2026-11-20T10:00:01+09:00","送信","U1","花子","rule:booking","ご予約ありがとうございます。\n日時をどうぞ"',
    '"2026-11-20T11:00:00+09:00","受信","U2","太郎","customer","駐車場は？"',
    '"2026-11-20T11:00:01+09:00","送信","U2","太郎","intent:parking","ございません"',
    '"2026-11-20T11:05:00+09:00","受信","U2","太郎","customer","了解"',
  ].join("\r\n") +
  "\r\n";

const friend = (user: string, tags: string[]): Friend =>
  ({ key: { provider: "p1", user_id: user }, display_name: null, tags }) as unknown as Friend;

describe("threads from the conversation export", () => {
  it("parses quotes, commas, doubled quotes and line breaks inside fields", () => {
    const rows = parseCsv(CSV);
    expect(rows).toHaveLength(6);
    expect(rows[1]![5]).toBe('こんにちは, "予約"');
    expect(rows[2]![5]).toBe("ご予約ありがとうございます。\n日時をどうぞ");
  });

  it("lists one thread per friend, newest first, with who answered last", () => {
    const threads = buildThreads(rowsFromExport(CSV), [friend("U2", ["vip"])], {});
    expect(threads.map((t) => t.userId)).toEqual(["U2", "U1"]);
    expect(threads[0]).toMatchObject({ name: "太郎", provider: "p1", tags: ["vip"], lastText: "了解", unread: 2 });
    expect(threads[1]!.lastSender).toEqual({ kind: "rule", id: "booking" });
    expect(threads[1]!.provider).toBeNull();
  });

  it("counts only customer messages after the last read as unread", () => {
    const threads = buildThreads(rowsFromExport(CSV), [], { U2: "2026-11-20T11:00:30+09:00" });
    expect(threads.find((t) => t.userId === "U2")!.unread).toBe(1);
  });

  it("filters by unread and by text in the name, last message or tags", () => {
    const threads = buildThreads(rowsFromExport(CSV), [friend("U2", ["VIP"])], { U2: "2026-11-20T12:00:00+09:00" });
    expect(filterThreads(threads, { unreadOnly: true, text: "" }).map((t) => t.userId)).toEqual(["U1"]);
    expect(filterThreads(threads, { unreadOnly: false, text: "vip" }).map((t) => t.userId)).toEqual(["U2"]);
    expect(filterThreads(threads, { unreadOnly: false, text: "日時" }).map((t) => t.userId)).toEqual(["U1"]);
  });

  it("names the day in the store's time zone", () => {
    expect(dayIn("Asia/Tokyo", new Date("2026-11-20T16:00:00Z"))).toBe("2026-11-21");
    expect(dayIn("UTC", new Date("2026-11-20T16:00:00Z"))).toBe("2026-11-20");
  });
});
