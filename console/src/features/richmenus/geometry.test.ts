import { describe, expect, it } from "vitest";
import { clampRect, isArea, moveRect, percentStyle, rectFromDrag, rescale, resizeRect, scaleOf, sizeChoices, toImage } from "./geometry";
import { imageProblem } from "./image";

const HALF = { width: 2500, height: 843 };

describe("drawing menu areas on the displayed image", () => {
  it("scales a pointer on a 500 px wide image to the image's own pixels", () => {
    const s = scaleOf(2500, 500);
    expect(s).toBe(5);
    expect(toImage({ x: 100, y: 40 }, s, HALF)).toEqual({ x: 500, y: 200 });
  });

  it("keeps a pointer outside the image at its edge", () => {
    expect(toImage({ x: -20, y: 9999 }, 5, HALF)).toEqual({ x: 0, y: 843 });
  });

  it("draws the same rectangle whichever way the drag goes", () => {
    const a = rectFromDrag({ x: 100, y: 50 }, { x: 600, y: 400 }, HALF);
    const b = rectFromDrag({ x: 600, y: 400 }, { x: 100, y: 50 }, HALF);
    expect(a).toEqual({ x: 100, y: 50, width: 500, height: 350 });
    expect(b).toEqual(a);
  });

  it("cuts a drag that leaves the image at its edges", () => {
    expect(rectFromDrag({ x: 2400, y: 800 }, { x: 3000, y: 900 }, HALF)).toEqual({ x: 2400, y: 800, width: 100, height: 43 });
  });

  it("treats a tiny drag as a click, not an area", () => {
    expect(isArea(rectFromDrag({ x: 10, y: 10 }, { x: 14, y: 60 }, HALF))).toBe(false);
    expect(isArea(rectFromDrag({ x: 10, y: 10 }, { x: 40, y: 60 }, HALF))).toBe(true);
  });

  it("moves an area but never past the image's edges, keeping its size", () => {
    const b = { x: 2000, y: 400, width: 400, height: 300 };
    expect(moveRect(b, 50, 50, HALF)).toEqual({ x: 2050, y: 450, width: 400, height: 300 });
    expect(moveRect(b, 500, 500, HALF)).toEqual({ x: 2100, y: 543, width: 400, height: 300 });
    expect(moveRect(b, -5000, -5000, HALF)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
  });

  it("resizes from a corner with the opposite corner fixed, inside the image, never inverted", () => {
    const b = { x: 100, y: 100, width: 400, height: 300 };
    expect(resizeRect(b, "se", 100, 50, HALF)).toEqual({ x: 100, y: 100, width: 500, height: 350 });
    expect(resizeRect(b, "nw", -50, -200, HALF)).toEqual({ x: 50, y: 0, width: 450, height: 400 });
    expect(resizeRect(b, "ne", 9999, 0, HALF)).toEqual({ x: 100, y: 100, width: 2400, height: 300 });
    const squashed = resizeRect(b, "sw", 1000, -1000, HALF);
    expect(squashed.width).toBeGreaterThanOrEqual(10);
    expect(squashed.height).toBeGreaterThanOrEqual(10);
    expect(squashed.x + squashed.width).toBe(500);
  });

  it("fits an area into the image, and rescales it to another size at the same place", () => {
    expect(clampRect({ x: 2400, y: -3, width: 300, height: 100.4 }, HALF)).toEqual({ x: 2200, y: 0, width: 300, height: 100 });
    expect(rescale({ x: 1250, y: 0, width: 1250, height: 843 }, HALF, { width: 1200, height: 405 })).toEqual({ x: 600, y: 0, width: 600, height: 405 });
  });

  it("places areas in percent, so they follow the displayed size", () => {
    expect(percentStyle({ x: 1250, y: 0, width: 625, height: 843 }, HALF)).toEqual({ left: "50%", top: "0%", width: "25%", height: "100%" });
  });

  it("offers LINE's six sizes, plus the menu's own when it is another", () => {
    expect(sizeChoices(HALF)).toHaveLength(6);
    expect(sizeChoices({ width: 1000, height: 500 })).toHaveLength(7);
  });
});

describe("the menu image, checked before upload", () => {
  const png = { type: "image/png", size: 50_000 };
  it("takes a PNG or JPEG of exactly the menu's size under 1 MB", () => {
    expect(imageProblem(png, HALF, HALF)).toBeNull();
    expect(imageProblem({ type: "image/jpeg", size: 1024 * 1024 }, HALF, HALF)).toBeNull();
  });
  it("refuses other types, more than 1 MB, unreadable files and other sizes", () => {
    expect(imageProblem({ type: "image/gif", size: 10 }, HALF, HALF)?.key).toBe("type");
    expect(imageProblem({ type: "image/png", size: 1024 * 1024 + 1 }, HALF, HALF)?.key).toBe("bytes");
    expect(imageProblem(png, null, HALF)?.key).toBe("unreadable");
    expect(imageProblem(png, { width: 1200, height: 405 }, HALF)).toEqual({
      key: "size", params: { width: 1200, height: 405, menuWidth: 2500, menuHeight: 843 },
    });
  });
});
