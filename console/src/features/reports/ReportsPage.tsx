// The reports dashboard (レポート): the daily report (`GET /admin/reports/daily`)
// for a range and filters, as summary cards and one section per subject. Every
// section takes the report (or a later route's answer) and draws its own part, so
// that stores by month and campaign results are sections added below, each with
// its own query (staff response times come with the daily report). Loaded lazily
// with the charts library, so no other page carries recharts.
import "@mantine/charts/styles.css";
import { Alert, Button, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { FailureAlert } from "../../components/forms";
import { AnswersSection } from "./AnswersSection";
import { downloadDailyCsv, getDaily } from "./api";
import { FriendsSection } from "./FriendsSection";
import { InsightSection } from "./InsightSection";
import { MessagesSection } from "./MessagesSection";
import { ReportFilters, useReportView } from "./ReportFilters";
import { ResponseSection } from "./ResponseSection";
import { isEmpty, spanDays } from "./shape";
import { SummaryCards } from "./SummaryCards";
import "./reports.css";

export default function ReportsPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  const [view, setView] = useReportView();
  const { range, store, channel } = view;
  const daily = useQuery({
    queryKey: ["report-daily", range.from, range.to, store, channel],
    enabled: !view.problem,
    queryFn: () => getDaily(range, store, channel),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const csv = useMutation({ mutationFn: () => downloadDailyCsv(range, store, channel) });
  // A custom range the API would refuse shows its problem, not the last report.
  const report = view.problem ? undefined : daily.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={1} size="h3">
          {t("nav.reports")}
        </Title>
        {can(caller, "exportCsv") && (
          <Button variant="default" size="xs" onClick={() => csv.mutate()} loading={csv.isPending} disabled={!!view.problem} title={t("reports.csvHint")}>
            {t("reports.csv")}
          </Button>
        )}
      </Group>
      <ReportFilters view={view} onChange={setView} />
      <Group gap="xs" mih={20}>
        {!view.problem && (
          <Text size="sm" c="dimmed" data-testid="report-range">
            {t("reports.rangeText", { from: range.from, to: range.to, days: spanDays(range.from, range.to) })}
          </Text>
        )}
        {daily.isFetching && <Loader size="xs" aria-label={t("reports.loading")} />}
      </Group>
      <FailureAlert error={daily.error ?? csv.error} />
      {channel && <InsightSection channel={channel} />}
      {!report && daily.isPending && !view.problem && (
        <Text size="sm" c="dimmed" role="status">
          {t("reports.loading")}
        </Text>
      )}
      {report && (
        <>
          {isEmpty(report) && (
            <Alert variant="light" color="blue" title={t("reports.empty")} data-testid="report-empty" classNames={{ title: "report-empty-title" }}>
              {t("reports.emptyHint")}
            </Alert>
          )}
          <SummaryCards total={report.total} />
          {!isEmpty(report) && (
            <>
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
                <FriendsSection report={report} />
                <MessagesSection report={report} />
              </SimpleGrid>
              <AnswersSection report={report} />
            </>
          )}
          <ResponseSection rt={report.response_times} from={report.from} to={report.to} />
        </>
      )}
    </Stack>
  );
}
