// A channel's rich menus (list, with a link to each menu's editor) and its menu
// rules (who gets which menu), as two tabs. The channel is picked when there are
// several and kept in the address (`?channel=`).
import { Anchor, Button, Group, NativeSelect, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useChannels, useRichMenus } from "../../api/queries";
import { useChannelLabel } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { FailureAlert } from "../../components/forms";
import { MenuRules } from "./MenuRules";
import { PublishBadge } from "./PublishBadge";
import "./richmenus.css";

export default function RichMenusPage() {
  const { t } = useTranslation();
  const editable = can(useCaller(), "editMenus");
  const channels = useChannels();
  const channelLabel = useChannelLabel();
  const [params, setParams] = useSearchParams();
  const channel = params.get("channel") || channels.data?.[0]?.id || "";
  const tab = params.get("tab") === "rules" ? "rules" : "menus";
  const menus = useRichMenus(channel || null);
  const go = (patch: Record<string, string>) => setParams({ channel, tab, ...patch }, { replace: true });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h3">{t("nav.richmenus")}</Title>
        <Group gap="xs">
          {(channels.data?.length ?? 0) > 1 && (
            <NativeSelect aria-label={t("menus.channel")} size="xs" value={channel} onChange={(e) => go({ channel: e.currentTarget.value })} data={(channels.data ?? []).map((c) => ({ value: c.id, label: channelLabel(c) }))} />
          )}
          {editable && channel && (
            <Button component={Link} to={`/richmenus/${encodeURIComponent(channel)}/new`}>{t("menus.new")}</Button>
          )}
        </Group>
      </Group>
      <FailureAlert error={channels.error ?? menus.error} />
      <Tabs value={tab} onChange={(v) => go({ tab: v ?? "menus" })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="menus">{t("menus.list")}</Tabs.Tab>
          <Tabs.Tab value="rules">{t("menus.rules.title")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="menus" pt="sm">
          <ScrollTable label={t("menus.list")} minWidth={520}>
            <Table highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={136}>{t("menus.image.label")}</Table.Th>
                  <Table.Th>{t("menus.name")}</Table.Th>
                  <Table.Th>{t("menus.state")}</Table.Th>
                  <Table.Th>{t("menus.chatBarText")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(menus.data ?? []).map((m) => (
                  <Table.Tr key={m.id} data-testid="menu-row">
                    <Table.Td>
                      {m.image_url ? (
                        <img className="menu-thumb" src={m.image_url} alt="" style={{ aspectRatio: `${m.size.width} / ${m.size.height}` }} />
                      ) : (
                        <div className="menu-thumb empty" style={{ aspectRatio: `${m.size.width} / ${m.size.height}` }}>{t("menus.noImageShort")}</div>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/richmenus/${encodeURIComponent(channel)}/${encodeURIComponent(m.id)}`}>{m.name}</Anchor>
                      <Text size="xs" c="dimmed">{m.size.width}×{m.size.height} · {t("menus.areaCount", { count: m.areas.length })}</Text>
                    </Table.Td>
                    <Table.Td><PublishBadge menu={m} /></Table.Td>
                    <Table.Td>{m.chat_bar_text}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          {menus.data?.length === 0 && <Text c="dimmed">{t("menus.none")}</Text>}
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="sm">
          {channel && menus.data && <MenuRules channel={channel} menus={menus.data} editable={editable} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
