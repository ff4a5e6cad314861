// Menu areas as rectangles in the image's own pixels: drawn, moved and resized by
// dragging on the image as displayed (smaller), always kept inside the image.
import type { Bounds, MenuSize } from "../../api/models";

export interface Point {
  x: number;
  y: number;
}

/** LINE's menu sizes (the image must have exactly one of these, or another valid size). */
export const SIZES: MenuSize[] = [
  { width: 2500, height: 1686 },
  { width: 2500, height: 843 },
  { width: 1200, height: 810 },
  { width: 1200, height: 405 },
  { width: 800, height: 540 },
  { width: 800, height: 270 },
];
/** Areas per menu (LINE). */
export const MAX_AREAS = 20;
/** An area smaller than this (image pixels, each side) is a click, not a drag. */
export const MIN_SIDE = 10;

export type Handle = "nw" | "ne" | "sw" | "se";

const clampTo = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Image pixels per displayed pixel. */
export function scaleOf(imageWidth: number, displayedWidth: number): number {
  return displayedWidth > 0 ? imageWidth / displayedWidth : 1;
}

/** A pointer position (relative to the displayed image's top-left) in image pixels, inside the image. */
export function toImage(p: Point, scale: number, size: MenuSize): Point {
  return { x: clampTo(Math.round(p.x * scale), 0, size.width), y: clampTo(Math.round(p.y * scale), 0, size.height) };
}

/** The rectangle dragged from `a` to `b` (either direction), inside the image. */
export function rectFromDrag(a: Point, b: Point, size: MenuSize): Bounds {
  const x1 = clampTo(Math.min(a.x, b.x), 0, size.width);
  const y1 = clampTo(Math.min(a.y, b.y), 0, size.height);
  const x2 = clampTo(Math.max(a.x, b.x), 0, size.width);
  const y2 = clampTo(Math.max(a.y, b.y), 0, size.height);
  return { x: Math.round(x1), y: Math.round(y1), width: Math.round(x2 - x1), height: Math.round(y2 - y1) };
}

/** Whether a drawn rectangle is big enough to be an area. */
export const isArea = (b: Bounds) => b.width >= MIN_SIDE && b.height >= MIN_SIDE;

/** `b` moved by (dx, dy), stopped at the image's edges (its size unchanged). */
export function moveRect(b: Bounds, dx: number, dy: number, size: MenuSize): Bounds {
  return {
    ...b,
    x: Math.round(clampTo(b.x + dx, 0, size.width - b.width)),
    y: Math.round(clampTo(b.y + dy, 0, size.height - b.height)),
  };
}

/** `b` with corner `handle` dragged by (dx, dy): the opposite corner stays, the area
 *  stays inside the image and at least MIN_SIDE on each side. */
export function resizeRect(b: Bounds, handle: Handle, dx: number, dy: number, size: MenuSize): Bounds {
  let left = b.x;
  let top = b.y;
  let right = b.x + b.width;
  let bottom = b.y + b.height;
  if (handle === "nw" || handle === "sw") left = clampTo(left + dx, 0, right - MIN_SIDE);
  else right = clampTo(right + dx, left + MIN_SIDE, size.width);
  if (handle === "nw" || handle === "ne") top = clampTo(top + dy, 0, bottom - MIN_SIDE);
  else bottom = clampTo(bottom + dy, top + MIN_SIDE, size.height);
  return { x: Math.round(left), y: Math.round(top), width: Math.round(right - left), height: Math.round(bottom - top) };
}

/** `b` made to fit the image: moved in, then cut at the edges. */
export function clampRect(b: Bounds, size: MenuSize): Bounds {
  const width = clampTo(Math.round(b.width), 1, size.width);
  const height = clampTo(Math.round(b.height), 1, size.height);
  return { x: clampTo(Math.round(b.x), 0, size.width - width), y: clampTo(Math.round(b.y), 0, size.height - height), width, height };
}

/** `b` of an image of size `from` at the same place on an image of size `to`. */
export function rescale(b: Bounds, from: MenuSize, to: MenuSize): Bounds {
  const sx = to.width / from.width;
  const sy = to.height / from.height;
  return clampRect({ x: b.x * sx, y: b.y * sy, width: b.width * sx, height: b.height * sy }, to);
}

/** Bounds as CSS percentages of the displayed image (so they scale with it). */
export function percentStyle(b: Bounds, size: MenuSize) {
  return {
    left: `${(b.x * 100) / size.width}%`,
    top: `${(b.y * 100) / size.height}%`,
    width: `${(b.width * 100) / size.width}%`,
    height: `${(b.height * 100) / size.height}%`,
  };
}

/** The sizes offered: LINE's presets, and the menu's own when it is another. */
export function sizeChoices(current: MenuSize): MenuSize[] {
  return SIZES.some((s) => s.width === current.width && s.height === current.height) ? SIZES : [...SIZES, current];
}

export const sizeKey = (s: MenuSize) => `${s.width}x${s.height}`;
export function parseSize(key: string): MenuSize {
  const [w = 0, h = 0] = key.split("x").map(Number);
  return { width: w, height: h };
}
