import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** A chart tooltip's label: the whole date with its weekday (`2026/11/30(月)`), or
 *  a week's first and last days when the row is a week (`until`). */
export function useFullDate(): (day: unknown, payload?: ReadonlyArray<{ payload?: { until?: string } }>) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language, { year: "numeric", month: "numeric", day: "numeric", weekday: "short", timeZone: "UTC" });
    const one = (day: string) => f.format(new Date(`${day}T00:00:00Z`));
    return (day, payload) => {
      if (typeof day !== "string" || !day) return String(day ?? "");
      const until = payload?.[0]?.payload?.until;
      return until && until !== day ? `${one(day)} 〜 ${one(until)}` : one(day);
    };
  }, [i18n.language]);
}
