// Friends over time: per day `counts.follows`, `counts.unblocks`, `counts.blocks`
// and `net_friends`, one line each (one SVG path per series, so a year is cheap).
import { LineChart } from "@mantine/charts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Section } from "./Section";
import { atGranularity, dayLabel, granularityFor, friendsRows, type DailyReport } from "./shape";
import { useFullDate } from "./useFullDate";

export function FriendsSection({ report }: { report: DailyReport }) {
  const { t } = useTranslation();
  const granularity = granularityFor(report.from, report.to);
  const data = useMemo(() => atGranularity(friendsRows(report.days), granularity), [report.days, granularity]);
  const fullDate = useFullDate();
  const title = t("reports.friends");
  return (
    <Section title={title} hint={t(granularity === "week" ? "reports.friendsHintWeekly" : "reports.friendsHint")} testId="report-friends">
      <LineChart
        h={240}
        data={data}
        dataKey="day"
        withDots={data.length <= 31}
        curveType="linear"
        withLegend
        legendProps={{ verticalAlign: "bottom", itemSorter: null }}
        role="figure"
        aria-label={t("reports.chartOf", { title, from: report.from, to: report.to })}
        series={[
          { name: "follows", label: t("reports.series.follows"), color: "green.7" },
          { name: "unblocks", label: t("reports.series.unblocks"), color: "teal.4" },
          { name: "blocks", label: t("reports.series.blocks"), color: "red.7" },
          { name: "net", label: t("reports.series.net"), color: "blue.8", strokeDasharray: "6 3" },
        ]}
        xAxisProps={{ tickFormatter: dayLabel }}
        yAxisProps={{ allowDecimals: false, width: 40 }}
        tooltipProps={{ labelFormatter: fullDate }}
        referenceLines={[{ y: 0, color: "gray.5" }]}
      />
    </Section>
  );
}
