// The organization's automations: what starts each, what it does, and whether it
// is on (switched here by whole-organization admins).
import { Anchor, Button, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Automation } from "../../api/models";
import { useAutomations } from "../../api/queries";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { actionText, triggerText } from "../../components/automationText";
import { FailureAlert } from "../../components/forms";
import { updateAutomation } from "./api";
import { useNames } from "./names";

export default function AutomationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const editable = can(useCaller(), "editAutomations");
  const automations = useAutomations();
  const names = useNames();
  const toggle = useMutation({
    mutationFn: (a: Automation) =>
      updateAutomation(a.id, { name: a.name, enabled: !a.enabled, channel: a.channel ?? null, trigger: a.trigger, actions: a.actions, version: a.version }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["automations"] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h3">{t("nav.automations")}</Title>
        {editable && <Button component={Link} to="/automations/new">{t("auto.new")}</Button>}
      </Group>
      <Text size="sm" c="dimmed">{t("auto.hint")}</Text>
      <FailureAlert error={automations.error ?? toggle.error} />
      <ScrollTable label={t("nav.automations")} minWidth={560}>
        <Table highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("auto.enabled")} / {t("auto.name")}</Table.Th>
              <Table.Th>{t("auto.when")}</Table.Th>
              <Table.Th>{t("auto.does")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(automations.data ?? []).map((a) => (
              <Table.Tr key={a.id} data-testid="automation-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Switch
                      checked={a.enabled}
                      disabled={!editable || toggle.isPending}
                      onChange={() => toggle.mutate(a)}
                      aria-label={t("auto.enabledFor", { name: a.name })}
                    />
                    <Anchor component={Link} to={`/automations/${encodeURIComponent(a.id)}`}>{a.name}</Anchor>
                  </Group>
                  {a.channel && <Text size="xs" c="dimmed">{a.channel}</Text>}
                </Table.Td>
                <Table.Td><Text size="sm">{triggerText(t, a.trigger, names)}</Text></Table.Td>
                <Table.Td>
                  {a.actions.map((x, i) => (
                    <Text size="sm" key={i} lineClamp={1}>{i + 1}. {actionText(t, x, names)}</Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {automations.data?.length === 0 && <Text c="dimmed">{t("auto.none")}</Text>}
    </Stack>
  );
}
