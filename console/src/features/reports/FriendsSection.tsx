// Friends over time: per day `counts.follows`, `counts.unblocks`, `counts.blocks`
// and `net_friends`, one line each (one SVG path per series, so a year is cheap).
import { LineChart } from "@mantine/charts";
import { useTranslation } from "react-i18next";
import { useDailyChart } from "./dailyChart";
import { Section } from "./Section";
import { friendsRows, type DailyReport } from "./shape";

export function FriendsSection({ report }: { report: DailyReport }) {
  const { t } = useTranslation();
  const title = t("reports.friends");
  const { weekly, chart } = useDailyChart(report, friendsRows, title);
  return (
    <Section title={title} hint={t(weekly ? "reports.friendsHintWeekly" : "reports.friendsHint")} testId="report-friends">
      <LineChart
        {...chart}
        series={[
          { name: "follows", label: t("reports.series.follows"), color: "green.7" },
          { name: "unblocks", label: t("reports.series.unblocks"), color: "teal.4" },
          { name: "blocks", label: t("reports.series.blocks"), color: "red.7" },
          { name: "net", label: t("reports.series.net"), color: "blue.8", strokeDasharray: "6 3" },
        ]}
        referenceLines={[{ y: 0, color: "gray.5" }]}
      />
    </Section>
  );
}
