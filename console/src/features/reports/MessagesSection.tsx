// Inbound messages per day (`counts.inbound`) and those nothing answered
// (`counts.answer_none`), as two areas.
import { AreaChart } from "@mantine/charts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Section } from "./Section";
import { atGranularity, dayLabel, granularityFor, messagesRows, type DailyReport } from "./shape";
import { useFullDate } from "./useFullDate";

export function MessagesSection({ report }: { report: DailyReport }) {
  const { t } = useTranslation();
  const granularity = granularityFor(report.from, report.to);
  const data = useMemo(() => atGranularity(messagesRows(report.days), granularity), [report.days, granularity]);
  const fullDate = useFullDate();
  const title = t("reports.messages");
  return (
    <Section title={title} hint={t(granularity === "week" ? "reports.messagesHintWeekly" : "reports.messagesHint")} testId="report-messages">
      <AreaChart
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
          { name: "inbound", label: t("reports.series.inbound"), color: "blue.7" },
          { name: "unanswered", label: t("reports.series.unanswered"), color: "orange.7" },
        ]}
        xAxisProps={{ tickFormatter: dayLabel }}
        yAxisProps={{ allowDecimals: false, width: 40 }}
        tooltipProps={{ labelFormatter: fullDate }}
      />
    </Section>
  );
}
