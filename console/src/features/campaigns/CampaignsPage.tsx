import { Anchor, Button, Group, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { FailureAlert } from "../../components/forms";
import { listCampaigns, percentDone } from "./api";
import { StatusBadge } from "./CampaignPage";

export default function CampaignsPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  const campaigns = useQuery({ queryKey: ["campaigns"], queryFn: () => listCampaigns(), refetchInterval: 5000 });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">
          {t("nav.campaigns")}
        </Title>
        {can(caller, "createCampaign") && (
          <Button component={Link} to="/campaigns/new">
            {t("campaigns.new")}
          </Button>
        )}
      </Group>
      <FailureAlert error={campaigns.error} />
      <ScrollTable label={t("nav.campaigns")} minWidth={480}>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("campaigns.name")}</Table.Th>
              <Table.Th>{t("campaigns.status")}</Table.Th>
              <Table.Th>{t("campaigns.progress")}</Table.Th>
              <Table.Th>{t("campaigns.created")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(campaigns.data?.items ?? []).map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/campaigns/${encodeURIComponent(c.id)}`}>
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={c.status} />
                </Table.Td>
                <Table.Td w={160}>
                  <Progress value={percentDone(c)} aria-label={`${c.name} ${percentDone(c)}%`} />
                </Table.Td>
                <Table.Td>{new Date(c.created_at).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {campaigns.data?.items.length === 0 && <Text c="dimmed">{t("campaigns.none")}</Text>}
    </Stack>
  );
}
