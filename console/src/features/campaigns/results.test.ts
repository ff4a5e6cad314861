import { describe, expect, it } from "vitest";
import { clickRows, followerStatus, formatCount, formatRate, hasWithheld, showsNumbers, stepPercent, unitName, unitStatus, type UnitReport } from "./results";

function unit(over: Partial<UnitReport["stats"]> = {}, rates: Partial<UnitReport> = {}): UnitReport {
  return {
    delivered: 100,
    open_rate: 0.5,
    click_rate: 0.25,
    ...rates,
    stats: {
      campaign_id: "c1",
      channel_id: "ch1",
      org_id: "o1",
      unit: "otd_0123456789ab",
      first_sent_on: "2026-11-29",
      status: "ready",
      impressions: 80,
      unique_impressions: 50,
      unique_clicks: 25,
      clicks: [],
      ...over,
    },
  };
}

describe("formatCount", () => {
  it("groups thousands", () => expect(formatCount(12345)).toBe("12,345"));
  it("shows zero as a number, not as withheld", () => expect(formatCount(0)).toBe("0"));
  it("shows a withheld count as a dash", () => {
    expect(formatCount(null)).toBe("—");
    expect(formatCount(undefined)).toBe("—");
  });
});

describe("formatRate", () => {
  it("is a percentage with one decimal", () => {
    expect(formatRate(0.5)).toBe("50.0%");
    expect(formatRate(0.1234)).toBe("12.3%");
    expect(formatRate(1)).toBe("100.0%");
    expect(formatRate(0)).toBe("0.0%");
  });
  it("rounds without float noise", () => expect(formatRate(0.0005)).toBe("0.1%"));
  it("shows a rate LINE withholds as a dash", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(undefined)).toBe("—");
    expect(formatRate(Number.NaN)).toBe("—");
  });
});

describe("hasWithheld", () => {
  it("is false when every count of a ready unit is there", () => expect(hasWithheld(unit())).toBe(false));
  it("is true when LINE withholds an overview count", () => expect(hasWithheld(unit({ unique_clicks: null }))).toBe(true));
  it("is true when a URL's count is withheld", () =>
    expect(hasWithheld(unit({ clicks: [{ url: "https://a.example", clicks: 30, unique_clicks: null }] }))).toBe(true));
  it("is false while pending (no numbers yet, not withheld)", () =>
    expect(hasWithheld(unit({ status: "pending", impressions: null, unique_impressions: null, unique_clicks: null }))).toBe(false));
});

describe("statuses", () => {
  it("knows LINE's unit statuses and calls others unknown", () => {
    expect(unitStatus("pending")).toBe("pending");
    expect(unitStatus("out_of_service")).toBe("out_of_service");
    expect(unitStatus("something_new")).toBe("unknown");
  });
  it("knows the follower statuses; pending is not one", () => {
    expect(followerStatus("unready")).toBe("unready");
    expect(followerStatus("pending")).toBe("unknown");
  });
  it("shows numbers only once LINE answered", () => {
    expect(showsNumbers(unit())).toBe(true);
    expect(showsNumbers(unit({ status: "unready" }))).toBe(false);
  });
});

describe("unitName", () => {
  it("names a one-off campaign's unit as the campaign", () => expect(unitName(unit())).toEqual({ key: "campaigns.report.unitCampaign" }));
  it("numbers a step from 1", () => expect(unitName(unit({ step: 0 }))).toEqual({ key: "campaigns.report.unitStep", n: 1 }));
});

describe("stepPercent", () => {
  it("counts sent, failed and skipped as done", () => expect(stepPercent({ planned: 10, sent: 5, failed: 1, skipped: 1 })).toBe(70));
  it("is 0 with nothing planned", () => expect(stepPercent({ planned: 0, sent: 0, failed: 0, skipped: 0 })).toBe(0));
});

describe("clickRows", () => {
  it("puts the most clicked URL first and withheld ones last, with dashes", () => {
    const rows = clickRows(
      unit({
        clicks: [
          { url: "https://b.example", clicks: null, unique_clicks: null },
          { url: "https://a.example", clicks: 40, unique_clicks: 21 },
          { url: "https://c.example", clicks: 1200, unique_clicks: 300 },
        ],
      }),
    );
    expect(rows).toEqual([
      { url: "https://c.example", clicks: "1,200", unique: "300" },
      { url: "https://a.example", clicks: "40", unique: "21" },
      { url: "https://b.example", clicks: "—", unique: "—" },
    ]);
  });
});
