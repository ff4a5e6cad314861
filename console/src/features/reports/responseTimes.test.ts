import { describe, expect, it } from "vitest";
import { bucketLabel, bucketRows, durationText, formatDuration, noResponseTimes, type ResponseTimes } from "./responseTimes";

const JA_LABELS = ["1分以内", "5分以内", "15分以内", "30分以内", "1時間以内", "2時間以内", "4時間以内", "8時間以内", "24時間以内", "24時間超"];

const withCounts = (counts: number[], rest: Partial<ResponseTimes> = {}): ResponseTimes => {
  const base = noResponseTimes();
  return { ...base, buckets: base.buckets.map((b, i) => ({ ...b, count: counts[i] ?? 0 })), ...rest };
};

describe("business-hour durations in Japanese", () => {
  it("says seconds, minutes, and hours with minutes as people do", () => {
    expect(formatDuration(0)).toBe("0秒");
    expect(formatDuration(45)).toBe("45秒");
    expect(formatDuration(240)).toBe("4分");
    expect(formatDuration(4800)).toBe("1時間20分");
    expect(formatDuration(3 * 3600)).toBe("3時間");
  });

  it("rounds to the minute without ever saying 60分", () => {
    expect(formatDuration(89)).toBe("1分");
    expect(formatDuration(91)).toBe("2分");
    expect(formatDuration(3599)).toBe("1時間");
    expect(formatDuration(7170)).toBe("2時間");
  });

  it("says a mean over a day in hours", () => {
    expect(formatDuration(100_000)).toBe("27時間47分");
  });

  it("has English words for the English console", () => {
    expect(formatDuration(4800, "en")).toBe("1 h 20 min");
    expect(formatDuration(90, "en")).toBe("2 min");
  });
});

describe("the first-reply buckets", () => {
  it("labels the ten buckets fastest first, the last one over a day", () => {
    expect(bucketRows(noResponseTimes()).map((r) => r.label)).toEqual(JA_LABELS);
    expect(bucketLabel({ within_seconds: null, count: 3 })).toBe("24時間超");
    expect(bucketLabel({ within_seconds: 300, count: 0 }, "en")).toBe("within 5 min");
  });

  it("keeps the API's counts and order", () => {
    const rt = withCounts([4, 4, 0, 2]);
    expect(bucketRows(rt).map((r) => r.count)).toEqual([4, 4, 0, 2, 0, 0, 0, 0, 0, 0]);
  });

  it("shows the median's and 90th percentile's buckets and the mean, a dash when nothing was answered", () => {
    const rt = withCounts([4, 4, 0, 2], { waits: 12, answered: 10, closed: 1, unanswered: 1, median_bucket: 1, p90_bucket: 3, mean_seconds: 300 });
    expect(durationText(rt, "median_bucket")).toBe("5分以内");
    expect(durationText(rt, "p90_bucket")).toBe("30分以内");
    expect(durationText(rt, "mean_seconds")).toBe("5分");
    expect(durationText(noResponseTimes(), "median_bucket")).toBe("—");
    expect(durationText(noResponseTimes(), "mean_seconds")).toBe("—");
    const slow = withCounts([1, 0, 0, 0, 0, 0, 0, 0, 0, 9], { median_bucket: 9, p90_bucket: 9 });
    expect(durationText(slow, "median_bucket")).toBe("24時間超");
    expect(durationText(slow, "p90_bucket", "en")).toBe("over 24 h");
  });
});
