// Inbound messages per day (`counts.inbound`) and those nothing answered
// (`counts.answer_none`), as two areas.
import { AreaChart } from "@mantine/charts";
import { useTranslation } from "react-i18next";
import { useDailyChart } from "./dailyChart";
import { Section } from "./Section";
import { messagesRows, type DailyReport } from "./shape";

export function MessagesSection({ report }: { report: DailyReport }) {
  const { t } = useTranslation();
  const title = t("reports.messages");
  const { weekly, chart } = useDailyChart(report, messagesRows, title);
  return (
    <Section title={title} hint={t(weekly ? "reports.messagesHintWeekly" : "reports.messagesHint")} testId="report-messages">
      <AreaChart
        {...chart}
        series={[
          { name: "inbound", label: t("reports.series.inbound"), color: "blue.7" },
          { name: "unanswered", label: t("reports.series.unanswered"), color: "orange.7" },
        ]}
      />
    </Section>
  );
}
