// Answers by source over the range: the `answer_*` counters of `total.counts` as a
// donut and a table (the numbers readable without the chart).
import { DonutChart } from "@mantine/charts";
import { ColorSwatch, Group, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Section } from "./Section";
import { answerSlices, type AnswerSource, type DailyReport } from "./shape";

export const SOURCE_COLORS: Record<AnswerSource, string> = {
  answer_rule: "green.7",
  answer_intent: "blue.7",
  answer_builtin: "cyan.7",
  answer_greeting: "lime.7",
  answer_after_hours: "violet.6",
  answer_fallback: "yellow.6",
  answer_staff: "pink.6",
  answer_automation: "indigo.4",
  answer_none: "gray.6",
};

export function AnswersSection({ report }: { report: DailyReport }) {
  const { t, i18n } = useTranslation();
  const slices = useMemo(() => answerSlices(report.total), [report.total]);
  const number = new Intl.NumberFormat(i18n.language);
  const title = t("reports.answers");
  return (
    <Section title={title} hint={t("reports.answersHint")} testId="report-answers">
      {slices.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("reports.noAnswers")}
        </Text>
      ) : (
        <Group align="center" gap="md" wrap="wrap" justify="center">
          <DonutChart
            size={180}
            thickness={28}
            role="figure"
            aria-label={t("reports.chartOf", { title, from: report.from, to: report.to })}
            data={slices.map((s) => ({ name: t(`reports.sourceName.${s.source}`), value: s.value, color: SOURCE_COLORS[s.source] }))}
            tooltipDataSource="segment"
            valueFormatter={(v) => number.format(v)}
          />
          <Table className="report-sources" verticalSpacing={4} style={{ flex: "1 1 240px", maxWidth: 560 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("reports.source")}</Table.Th>
                <Table.Th ta="right">{t("reports.count")}</Table.Th>
                <Table.Th ta="right">{t("reports.share")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slices.map((s) => (
                <Table.Tr key={s.source} data-testid={`source-${s.source}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch color={`var(--mantine-color-${SOURCE_COLORS[s.source].replace(".", "-")})`} size={12} withShadow={false} aria-hidden />
                      <span>{t(`reports.sourceName.${s.source}`)}</span>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{number.format(s.value)}</Table.Td>
                  <Table.Td ta="right">{s.percent.toFixed(1)}%</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Group>
      )}
    </Section>
  );
}
