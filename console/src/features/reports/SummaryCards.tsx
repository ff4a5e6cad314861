// The range's totals as cards: `total.net_friends` and `total.counts` (follows,
// blocks, inbound, answer_none, declined_intents, automation_runs, and the answers
// that reached the customer: every `answer_*` but `answer_none`).
import { Paper, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SUMMARY, summaryValue, type SummaryKey, type Totals } from "./shape";

const HINTED: ReadonlySet<SummaryKey> = new Set(["net_friends", "answered", "answer_none"]);

export function SummaryCards({ total }: { total: Totals }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language, { signDisplay: "auto" });
  return (
    <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs" component="ul" className="report-cards" aria-label={t("reports.summary")}>
      {SUMMARY.map((key) => {
        const value = summaryValue(total, key);
        return (
          <Paper component="li" key={key} withBorder p="xs" radius="md">
            <Text size="xs" c="dimmed" component="div">
              {t(`reports.card.${key}`)}
            </Text>
            <Text fw={700} fz="xl" lh={1.3} data-testid={`total-${key}`} c={key === "net_friends" && value < 0 ? "red.8" : undefined}>
              {key === "net_friends" && value > 0 ? "+" : ""}
              {number.format(value)}
            </Text>
            {HINTED.has(key) && (
              <Text size="xs" c="dimmed" component="div">
                {t(`reports.cardHint.${key as "net_friends" | "answered" | "answer_none"}`)}
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
