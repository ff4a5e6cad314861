// 配信結果: the campaign's report (GET /admin/campaigns/{id}/report): the send's
// counters, a sequence's counters per step, and LINE's numbers per aggregation unit
// with the status explained (LINE counts a day after it ends, so a fresh campaign
// shows "pending" until the next JST morning). Formatting lives in results.ts.
import { Alert, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../api/models";
import { FailureAlert } from "../../components/forms";
import { getReport, listTrackedLinks, type TrackedLink } from "./api";
import { clickRows, formatCount, formatRate, hasWithheld, showsNumbers, stepPercent, unitName, unitStatus, type UnitReport } from "./results";

const LIVE = new Set(["running", "scheduled", "paused"]);

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs">{label}</Text>
      <Text fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function Unit({ u }: { u: UnitReport }) {
  const { t } = useTranslation();
  const name = unitName(u);
  const status = unitStatus(u.stats.status);
  const rows = clickRows(u);
  return (
    <Paper withBorder p="xs" data-testid="report-unit">
      <Stack gap={6}>
        <Text fw={700} size="sm">
          {t(name.key, "n" in name ? { n: name.n } : {})}
          <Text span size="xs" c="dimmed" ml="xs">
            {t("campaigns.report.unit")}: {u.stats.unit}
          </Text>
        </Text>
        <Text size="sm" data-testid="report-line-status" c={status === "ready" ? undefined : "dimmed"}>
          {t(`campaigns.report.status.${status}`)}
        </Text>
        {showsNumbers(u) && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
              <Figure label={t("campaigns.report.delivered")} value={formatCount(u.delivered)} />
              <Figure label={t("campaigns.report.impressions")} value={formatCount(u.stats.impressions)} />
              <Figure label={t("campaigns.report.uniqueImpressions")} value={formatCount(u.stats.unique_impressions)} />
              <Figure label={t("campaigns.report.uniqueClicks")} value={formatCount(u.stats.unique_clicks)} />
              <Figure label={t("campaigns.report.openRate")} value={formatRate(u.open_rate)} testId="report-open-rate" />
              <Figure label={t("campaigns.report.clickRate")} value={formatRate(u.click_rate)} testId="report-click-rate" />
            </SimpleGrid>
            {rows.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t("campaigns.report.noClicks")}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={360}>
                <Table striped withTableBorder>
                  <Table.Caption>{t("campaigns.report.clicks")}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("campaigns.report.url")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.clickCount")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.uniqueClicks")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.url}>
                        <Table.Td style={{ wordBreak: "break-all" }}>{r.url}</Table.Td>
                        <Table.Td ta="right">{r.clicks}</Table.Td>
                        <Table.Td ta="right">{r.unique}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {hasWithheld(u) && (
              <Text size="xs" c="dimmed" data-testid="report-withheld">
                {t("campaigns.report.withheld")}
              </Text>
            )}
            {u.stats.fetched_at && (
              <Text size="xs" c="dimmed">
                {t("campaigns.report.fetchedAt", { at: new Date(u.stats.fetched_at).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }) })}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** otodoke's own clicks of the campaign's tracked links (GET /admin/links). */
function TrackedClicks({ items }: { items: TrackedLink[] }) {
  const { t } = useTranslation();
  return (
    // No scroll container: the URLs wrap, so the table fits a phone without a
    // scrollable region (which would need keyboard access).
    <Table striped withTableBorder data-testid="report-tracked">
      <Table.Caption>
        {t("campaigns.report.tracked")}: {t("campaigns.report.trackedHint")}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("campaigns.report.url")}</Table.Th>
          <Table.Th>{t("campaigns.report.trackedStep")}</Table.Th>
          <Table.Th ta="right">{t("campaigns.report.trackedClicks")}</Table.Th>
          <Table.Th ta="right">{t("campaigns.report.trackedFriends")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((l) => (
          <Table.Tr key={l.link_id}>
            <Table.Td style={{ wordBreak: "break-all" }}>{l.url}</Table.Td>
            <Table.Td>{l.step == null ? "—" : t("campaigns.report.stepN", { n: l.step + 1 })}</Table.Td>
            <Table.Td ta="right">{formatCount(l.clicks)}</Table.Td>
            <Table.Td ta="right">{formatCount(l.friends)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ResultsSection({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const titleId = useId();
  const q = useQuery({
    queryKey: ["campaign-report", c.id],
    queryFn: () => getReport(c.id),
    // Follows the send while it runs; LINE's numbers change at most daily.
    refetchInterval: LIVE.has(c.status) ? 2000 : false,
  });
  const tracked = useQuery({
    queryKey: ["campaign-links", c.id],
    queryFn: () => listTrackedLinks(c.id),
    enabled: c.track_links === true,
    refetchInterval: LIVE.has(c.status) ? 5000 : false,
  });
  const r = q.data;
  return (
    <Paper component="section" withBorder p="sm" aria-labelledby={titleId} data-testid="campaign-report">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5" id={titleId}>
            {t("campaigns.report.title")}
          </Title>
          <Text size="xs" c="dimmed">
            {t("campaigns.report.hint")}
          </Text>
        </div>
        <FailureAlert error={q.error} />
        {r && (
          <>
            <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="report-progress">
              <Figure label={t("campaigns.report.planned")} value={formatCount(r.progress.planned)} testId="report-planned" />
              <Figure label={t("campaigns.report.sent")} value={formatCount(r.progress.sent)} testId="report-sent" />
              <Figure label={t("campaigns.report.failed")} value={formatCount(r.progress.failed)} testId="report-failed" />
              <Figure label={t("campaigns.report.skipped")} value={formatCount(r.progress.skipped)} testId="report-skipped" />
              <Figure label={t("campaigns.report.quotaUsed")} value={formatCount(r.progress.quota_used ?? 0)} testId="report-quota" />
            </SimpleGrid>
            {r.steps.length > 0 && (
              <Table.ScrollContainer minWidth={420}>
                <Table striped withTableBorder data-testid="report-steps">
                  <Table.Caption>{t("campaigns.report.steps")}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("campaigns.report.step")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.planned")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.sent")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.failed")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.skipped")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.quotaUsed")}</Table.Th>
                      <Table.Th ta="right">{t("campaigns.report.done")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.steps.map((s) => (
                      <Table.Tr key={s.step}>
                        <Table.Td>{t("campaigns.report.stepN", { n: s.step + 1 })}</Table.Td>
                        <Table.Td ta="right">{formatCount(s.progress.planned)}</Table.Td>
                        <Table.Td ta="right">{formatCount(s.progress.sent)}</Table.Td>
                        <Table.Td ta="right">{formatCount(s.progress.failed)}</Table.Td>
                        <Table.Td ta="right">{formatCount(s.progress.skipped)}</Table.Td>
                        <Table.Td ta="right">{formatCount(s.progress.quota_used ?? 0)}</Table.Td>
                        <Table.Td ta="right">{stepPercent(s.progress)}%</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <div>
              <Title order={3} size="h6">
                {t("campaigns.report.line")}
              </Title>
              <Text size="xs" c="dimmed">
                {t("campaigns.report.lineHint")}
              </Text>
            </div>
            {r.line.length === 0 ? (
              <Alert variant="light" color="blue" data-testid="report-no-line">
                {t("campaigns.report.noLine")}
              </Alert>
            ) : (
              r.line.map((u) => <Unit key={u.stats.unit} u={u} />)
            )}
          </>
        )}
        <FailureAlert error={tracked.error} />
        {tracked.data && tracked.data.items.length > 0 && <TrackedClicks items={tracked.data.items} />}
      </Stack>
    </Paper>
  );
}
