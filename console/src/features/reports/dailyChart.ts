// What the day-by-day charts share: the rows at the range's granularity (weeks
// beyond 92 days), and the props every such chart takes (size, axes with short
// dates, the full date in the tooltip, a legend, and a label naming the range), so
// each section says only its series.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { atGranularity, dayLabel, granularityFor, type DailyReport } from "./shape";
import { useFullDate } from "./useFullDate";

type Row = { day: string };

export function useDailyChart<R extends Row>(report: DailyReport, rows: (days: DailyReport["days"]) => R[], title: string) {
  const { t } = useTranslation();
  const granularity = granularityFor(report.from, report.to);
  const data = useMemo(() => atGranularity(rows(report.days), granularity), [report.days, granularity, rows]);
  const fullDate = useFullDate();
  return {
    weekly: granularity === "week",
    chart: {
      h: 240,
      data,
      dataKey: "day",
      withDots: data.length <= 31,
      curveType: "linear" as const,
      withLegend: true,
      legendProps: { verticalAlign: "bottom" as const, itemSorter: null },
      role: "figure",
      "aria-label": t("reports.chartOf", { title, from: report.from, to: report.to }),
      xAxisProps: { tickFormatter: dayLabel },
      yAxisProps: { allowDecimals: false, width: 40 },
      tooltipProps: { labelFormatter: fullDate },
    },
  };
}
