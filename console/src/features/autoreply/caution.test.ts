import { describe, expect, it } from "vitest";
import { CAUTIONS, cautionOf } from "./caution";

describe("caution presets", () => {
  it("names the preset a document's numbers match, through a 32-bit round trip", () => {
    expect(cautionOf(0.3, 0.04)).toBe("standard");
    expect(cautionOf(Math.fround(0.4), Math.fround(0.08))).toBe("careful");
    expect(cautionOf(0.45, 0.16)).toBe("very_careful");
  });

  it("calls any other pair custom", () => {
    expect(cautionOf(0.3, 0.08)).toBe("custom");
    expect(cautionOf(0.5, 0.04)).toBe("custom");
  });

  it("asks more of an answer at each stricter level", () => {
    const levels = Object.values(CAUTIONS);
    for (let i = 1; i < levels.length; i++) {
      expect(levels[i]!.threshold).toBeGreaterThanOrEqual(levels[i - 1]!.threshold);
      expect(levels[i]!.margin).toBeGreaterThan(levels[i - 1]!.margin);
    }
  });
});
