// 友だち数（LINE）: the selected channel's follower counts as LINE computed them
// yesterday (GET /admin/channels/{id}/insight). Asked only once a channel is chosen
// in the filter (the route asks LINE live on every call), and not retried: a 502
// (LINE unreachable) is shown as a short explanation, not as the API's message.
import { Alert, SimpleGrid, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client";
import { FailureAlert } from "../../components/forms";
import { followerStatus, formatCount } from "../campaigns/results";
import { getChannelInsight } from "./api";
import { Section } from "./Section";

export function InsightSection({ channel }: { channel: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ["channel-insight", channel],
    queryFn: () => getChannelInsight(channel),
    // LINE computes these once a day.
    staleTime: 10 * 60_000,
    retry: false,
  });
  const d = q.data;
  const status = d ? followerStatus(d.status) : null;
  const withheld = d && status === "ready" && (d.followers == null || d.targeted_reaches == null || d.blocks == null);
  return (
    <Section title={t("reports.insight.title")} hint={t("reports.insight.hint")} testId="report-insight">
      {q.isPending && (
        <Text size="sm" c="dimmed" role="status">
          {t("reports.insight.loading")}
        </Text>
      )}
      {q.error instanceof ApiFailure && q.error.status === 502 ? (
        <Alert variant="light" color="yellow" data-testid="insight-unavailable">
          {t("reports.insight.unavailable")}
        </Alert>
      ) : (
        <FailureAlert error={q.error} />
      )}
      {d && status && (
        <>
          <Text size="sm" data-testid="insight-status">
            {t(`reports.insight.status.${status}`)}
          </Text>
          {status === "ready" && (
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <div>
                <Text size="xs">{t("reports.insight.followers")}</Text>
                <Text fw={700} data-testid="insight-followers">
                  {formatCount(d.followers)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("reports.insight.followersHint")}
                </Text>
              </div>
              <div>
                <Text size="xs">{t("reports.insight.targetedReaches")}</Text>
                <Text fw={700}>{formatCount(d.targeted_reaches)}</Text>
                <Text size="xs" c="dimmed">
                  {t("reports.insight.targetedReachesHint")}
                </Text>
              </div>
              <div>
                <Text size="xs">{t("reports.insight.blocks")}</Text>
                <Text fw={700}>{formatCount(d.blocks)}</Text>
              </div>
            </SimpleGrid>
          )}
          {withheld && (
            <Text size="xs" c="dimmed">
              {t("reports.insight.withheld")}
            </Text>
          )}
        </>
      )}
    </Section>
  );
}
