import { describe, expect, it } from "vitest";
import { dayInterval, monthGrid, weekday, withDay } from "./hours";

describe("business hours", () => {
  it("edits one day and keeps the rest of the document", () => {
    const h = { weekly: { monday: [{ open: "10:00", close: "20:00" }] }, holidays: ["2026-12-31"], special_days: [] };
    const next = withDay(h, "wednesday", null);
    expect(next.weekly?.wednesday).toEqual([]);
    expect(dayInterval(next, "monday")).toEqual({ open: "10:00", close: "20:00" });
    expect(next.holidays).toEqual(["2026-12-31"]);
    expect(dayInterval(withDay(null, "friday", { open: "09:00", close: "18:00" }), "friday")?.open).toBe("09:00");
  });

  it("lays a month out Monday first", () => {
    const weeks = monthGrid("2026-11");
    expect(weeks[0]!.slice(0, 7)).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(weekday("2026-11-25")).toBe("wednesday");
  });
});
