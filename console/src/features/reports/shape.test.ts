import { describe, expect, it } from "vitest";
import {
  addDays,
  atGranularity,
  byWeek,
  granularityFor,
  answered,
  answerSlices,
  friendsRows,
  isEmpty,
  jstToday,
  messagesRows,
  presetRange,
  rangeProblem,
  reportQuery,
  spanDays,
  summaryValue,
  type DailyReport,
} from "./shape";
import { noResponseTimes } from "./responseTimes";

const report = (days: DailyReport["days"]): DailyReport => {
  const counts: Record<string, number> = {};
  let net = 0;
  for (const d of days) {
    net += d.net_friends;
    for (const [k, v] of Object.entries(d.counts)) counts[k] = (counts[k] ?? 0) + (v ?? 0);
  }
  return { from: days[0]!.day, to: days[days.length - 1]!.day, days, total: { counts, net_friends: net }, response_times: noResponseTimes() };
};

describe("dates in JST", () => {
  it("takes today from Japan's clock, not the browser's", () => {
    // 2026-11-29 15:30 UTC is already the 30th in Tokyo; 14:59 UTC is still the 29th.
    expect(jstToday(new Date("2026-11-29T15:30:00Z"))).toBe("2026-11-30");
    expect(jstToday(new Date("2026-11-29T14:59:59Z"))).toBe("2026-11-29");
  });

  it("turns presets into from/to ending today in JST, both days counted", () => {
    const now = new Date("2026-11-29T16:00:00Z"); // 2026-11-30 01:00 JST
    expect(presetRange("7d", now)).toEqual({ from: "2026-11-24", to: "2026-11-30" });
    expect(presetRange("30d", now)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(presetRange("12m", now)).toEqual({ from: "2025-12-01", to: "2026-11-30" });
    expect(spanDays("2026-11-24", "2026-11-30")).toBe(7);
    expect(spanDays("2025-12-01", "2026-11-30")).toBe(365);
  });

  it("keeps the 12-month preset within a year across a leap day and a month end", () => {
    const leap = presetRange("12m", new Date("2028-02-29T03:00:00Z"));
    expect(leap).toEqual({ from: "2027-03-02", to: "2028-02-29" });
    expect(spanDays(leap.from, leap.to)).toBe(365);
    const jan = presetRange("12m", new Date("2027-01-01T00:00:00Z")); // 09:00 JST
    expect(jan).toEqual({ from: "2026-01-02", to: "2027-01-01" });
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("refuses custom ranges the API would refuse", () => {
    expect(rangeProblem({ from: "2026-11-01", to: "2026-11-30" })).toBeNull();
    expect(rangeProblem({ from: "2026-11-30", to: "2026-11-01" })).toBe("order");
    expect(rangeProblem({ from: "2026-02-30", to: "2026-03-01" })).toBe("invalid");
    expect(rangeProblem({ from: "", to: "2026-03-01" })).toBe("invalid");
    expect(rangeProblem({ from: "2025-01-01", to: "2026-02-04" })).toBeNull(); // 400 days
    expect(rangeProblem({ from: "2025-01-01", to: "2026-02-05" })).toBe("tooLong");
  });

  it("passes only the filters that are set", () => {
    const r = { from: "2026-11-01", to: "2026-11-30" };
    expect(reportQuery(r, "", "")).toEqual(r);
    expect(reportQuery(r, "shibuya", "ch-1")).toEqual({ ...r, store: "shibuya", channel: "ch-1" });
  });
});

describe("days → chart series", () => {
  const days: DailyReport["days"] = [
    { day: "2026-11-29", counts: { follows: 3, unblocks: 1, blocks: 1, inbound: 10, answer_rule: 4, answer_intent: 3, answer_none: 2 }, net_friends: 3 },
    { day: "2026-11-30", counts: { blocks: 2, inbound: 5, answer_staff: 1, answer_none: 1, declined_intents: 2 }, net_friends: -2 },
  ];

  it("makes one row per day with zeros for counters the API left out", () => {
    expect(friendsRows(days)).toEqual([
      { day: "2026-11-29", follows: 3, unblocks: 1, blocks: 1, net: 3 },
      { day: "2026-11-30", follows: 0, unblocks: 0, blocks: 2, net: -2 },
    ]);
    expect(messagesRows(days)).toEqual([
      { day: "2026-11-29", inbound: 10, unanswered: 2 },
      { day: "2026-11-30", inbound: 5, unanswered: 1 },
    ]);
  });

  it("splits the range's answers by source, largest first, with shares", () => {
    const r = report(days);
    expect(answerSlices(r.total)).toEqual([
      { source: "answer_rule", value: 4, percent: 36.4 },
      { source: "answer_intent", value: 3, percent: 27.3 },
      { source: "answer_none", value: 3, percent: 27.3 },
      { source: "answer_staff", value: 1, percent: 9.1 },
    ]);
    expect(answered(r.total.counts)).toBe(8);
  });

  it("reads the summary cards from the API's total, not from the days", () => {
    const r = report(days);
    r.total.counts.follows = 99; // the API's word wins
    expect(summaryValue(r.total, "follows")).toBe(99);
    expect(summaryValue(r.total, "net_friends")).toBe(1);
    expect(summaryValue(r.total, "answered")).toBe(8);
    expect(summaryValue(r.total, "answer_none")).toBe(3);
    expect(summaryValue(r.total, "automation_runs")).toBe(0);
  });

  it("knows an empty range from a quiet one with a net change", () => {
    expect(isEmpty(report([{ day: "2026-11-30", counts: {}, net_friends: 0 }]))).toBe(true);
    expect(isEmpty(report([{ day: "2026-11-30", counts: { follows: 0, inbound: 0 }, net_friends: 0 }]))).toBe(true);
    expect(isEmpty(report(days))).toBe(false);
  });

  it("draws more than 92 days by week: 7-day sums ending today, the first bucket shorter", () => {
    expect(granularityFor("2026-09-01", "2026-11-30")).toBe("day"); // 91 days
    expect(granularityFor("2025-12-01", "2026-11-30")).toBe("week");
    const nine = Array.from({ length: 9 }, (_, i) => ({ day: addDays("2026-11-01", i), inbound: i + 1, unanswered: 1 }));
    expect(byWeek(nine)).toEqual([
      { day: "2026-11-01", until: "2026-11-02", inbound: 3, unanswered: 2 },
      { day: "2026-11-03", until: "2026-11-09", inbound: 42, unanswered: 7 },
    ]);
    expect(byWeek(nine.slice(0, 7))).toEqual([{ day: "2026-11-01", until: "2026-11-07", inbound: 28, unanswered: 7 }]);
    expect(atGranularity(nine, "day")).toBe(nine);
  });

  it("shapes a year of days in a few milliseconds", () => {
    const year: DailyReport["days"] = [];
    for (let i = 0; i < 366; i++) {
      year.push({ day: addDays("2025-12-01", i), counts: { follows: i % 7, blocks: i % 3, inbound: i % 50, answer_rule: i % 11, answer_none: i % 5 }, net_friends: (i % 7) - (i % 3) });
    }
    const started = performance.now();
    const rows = friendsRows(year);
    expect(byWeek(rows)).toHaveLength(53);
    messagesRows(year);
    answerSlices(report(year).total);
    expect(rows).toHaveLength(366);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
