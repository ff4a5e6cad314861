// How fast staff answered (`response_times` of the daily report): the waits and
// how they ended as cards (still unanswered highlighted: customers waiting now),
// the median, 90th percentile and mean first reply in business hours, and the
// first replies by bucket as bars. Every number is the API's.
import { BarChart } from "@mantine/charts";
import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { RESPONSE_COUNTS, RESPONSE_DURATIONS, bucketRows, durationText, type ResponseTimes } from "./responseTimes";
import { Section } from "./Section";

function Card({ label, value, testId, alert, hint }: { label: string; value: string; testId: string; alert?: boolean; hint?: string }) {
  return (
    <Paper component="li" withBorder p="xs" radius="md" className={alert ? "report-card-alert" : undefined}>
      <Text size="xs" c={alert ? "red.9" : "dimmed"} component="div">
        {label}
      </Text>
      <Text fw={700} fz="xl" lh={1.3} data-testid={testId} c={alert ? "red.8" : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c={alert ? "red.9" : "dimmed"} component="div">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function ResponseSection({ rt, from, to }: { rt: ResponseTimes; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const rows = useMemo(() => bucketRows(rt, i18n.language), [rt, i18n.language]);
  const title = t("reports.staff.title");
  return (
    <Section title={title} hint={t("reports.staff.hint")} testId="report-staff">
      {rt.waits === 0 ? (
        <Text size="sm" c="dimmed" data-testid="staff-empty">
          {t("reports.staff.empty")}
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs" component="ul" className="report-cards" aria-label={t("reports.staff.counts")}>
            {RESPONSE_COUNTS.map((key) => (
              <Card
                key={key}
                label={t(`reports.staff.${key}`)}
                value={number.format(rt[key])}
                testId={`staff-${key}`}
                alert={key === "unanswered" && rt.unanswered > 0}
                hint={key === "unanswered" && rt.unanswered > 0 ? t("reports.staff.unansweredHint") : undefined}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" component="ul" className="report-cards" aria-label={t("reports.staff.durations")}>
            {RESPONSE_DURATIONS.map((key) => (
              <Card key={key} label={t(`reports.staff.${key}`)} value={durationText(rt, key, i18n.language)} testId={`staff-${key}`} />
            ))}
          </SimpleGrid>
          {rt.answered > 0 && (
            <BarChart
              h={rows.length * 28 + 40}
              data={rows}
              dataKey="label"
              orientation="vertical"
              role="figure"
              aria-label={t("reports.chartOf", { title: t("reports.staff.chart"), from, to })}
              series={[{ name: "count", label: t("reports.staff.answered"), color: "teal.7" }]}
              withBarValueLabel
              valueLabelProps={{ fill: "var(--mantine-color-gray-9)", fontSize: 12 }}
              gridAxis="none"
              barChartProps={{ margin: { right: 48 } }}
              xAxisProps={{ allowDecimals: false }}
              yAxisProps={{ width: 80, interval: 0 }}
              valueFormatter={(v) => number.format(v)}
            />
          )}
        </>
      )}
    </Section>
  );
}
