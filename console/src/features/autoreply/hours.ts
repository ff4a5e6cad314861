// The weekly schedule editor's model: one opening interval per day (what the form
// edits), kept beside whatever else the hours document holds.
export const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Day = (typeof DAYS)[number];

export interface Interval {
  open: string;
  close: string;
}

export interface HoursDoc {
  weekly?: Partial<Record<Day, Interval[]>>;
  holidays?: string[];
  special_days?: unknown[];
  [other: string]: unknown;
}

/** The day's first interval, or null when closed all day. */
export function dayInterval(h: HoursDoc | null, day: Day): Interval | null {
  return h?.weekly?.[day]?.[0] ?? null;
}

/** The document with `day` set to one interval (or closed), everything else kept. */
export function withDay(h: HoursDoc | null, day: Day, interval: Interval | null): HoursDoc {
  const base: HoursDoc = h ?? { weekly: {}, holidays: [], special_days: [] };
  const rest = base.weekly?.[day]?.slice(1) ?? [];
  return { ...base, weekly: { ...base.weekly, [day]: interval ? [interval, ...rest] : [] } };
}

/** The days of `month` (YYYY-MM) as a calendar grid of weeks, Monday first. */
export function monthGrid(month: string): (string | null)[][] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The weekday of a `YYYY-MM-DD` date. */
export function weekday(date: string): Day {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return DAYS[(d + 6) % 7]!;
}
