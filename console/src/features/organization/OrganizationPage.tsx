import { Badge, Button, Checkbox, Group, MultiSelect, NativeSelect, Paper, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { sendJson } from "../../api/client";
import type { Channel, Role, Staff, StoreNode } from "../../api/models";
import { useChannels, useQuota, useStaff } from "../../api/queries";
import { useChannelLabel, useOrganization, useStore, useStoreName } from "../../app/stores";
import { can, grantableRoles } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { FailureAlert, fieldError } from "../../components/forms";

function Tree({ nodes }: { nodes: StoreNode[] }) {
  return (
    <ul className="store-tree">
      {nodes.map((n) => (
        <li key={n.id}>
          <Text size="sm" span fw={600}>{n.name}</Text> <Text size="xs" span c="dimmed">{n.id} · {n.time_zone}</Text>
          {n.children.length > 0 && <Tree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={2} size="h5" mb="xs">{title}</Title>
      {children}
    </Paper>
  );
}

function NewStore() {
  const { t } = useTranslation();
  const { stores } = useStore();
  const qc = useQueryClient();
  const [f, setF] = useState({ id: "", name: "", parent: "", time_zone: "Asia/Tokyo" });
  const create = useMutation({
    mutationFn: () => sendJson("POST", "/admin/stores", { id: f.id, name: f.name, parent: f.parent || null, time_zone: f.time_zone }),
    onSuccess: () => { setF({ id: "", name: "", parent: "", time_zone: "Asia/Tokyo" }); void qc.invalidateQueries({ queryKey: ["organization"] }); },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
      <Group align="end" gap="xs" mt="sm">
        <TextInput size="xs" label="ID" required value={f.id} onChange={(e) => setF({ ...f, id: e.currentTarget.value })} error={fieldError(create.error, "id")} />
        <TextInput size="xs" label={t("org.storeName")} required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} error={fieldError(create.error, "name")} />
        <NativeSelect size="xs" label={t("org.parent")} value={f.parent} onChange={(e) => setF({ ...f, parent: e.currentTarget.value })} data={[{ value: "", label: "—" }, ...stores.map((s) => ({ value: s.id, label: s.name }))]} error={fieldError(create.error, "parent")} />
        <TextInput size="xs" label={t("org.timeZone")} value={f.time_zone} onChange={(e) => setF({ ...f, time_zone: e.currentTarget.value })} error={fieldError(create.error, "time_zone")} />
        <Button size="xs" type="submit" loading={create.isPending}>{t("org.addStore")}</Button>
      </Group>
      {create.error && !Object.keys((create.error as { fields?: object }).fields ?? {}).length && <FailureAlert error={create.error} />}
    </form>
  );
}

/** Invites a member (POST /admin/staff): in AWS this creates their sign-in account. */
function InviteStaff() {
  const { t } = useTranslation();
  const caller = useCaller();
  const { stores } = useStore();
  const qc = useQueryClient();
  const empty = { email: "", display_name: "", role: "operator" as Role, stores: [] as string[], assigned_only: false, sender_name: "", sender_icon_url: "" };
  const [f, setF] = useState(empty);
  const invite = useMutation({
    mutationFn: () => sendJson("POST", "/admin/staff", { ...f, sender_name: f.sender_name || null, sender_icon_url: f.sender_icon_url || null }),
    onSuccess: () => { setF(empty); void qc.invalidateQueries({ queryKey: ["staff"] }); },
  });
  return (
    <form onSubmit={(e) => { e.preventDefault(); invite.mutate(); }}>
      <Title order={3} size="h6" mt="sm">{t("org.invite")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
        <TextInput size="xs" type="email" label={t("org.email")} required value={f.email} onChange={(e) => setF({ ...f, email: e.currentTarget.value })} error={fieldError(invite.error, "email")} />
        <TextInput size="xs" label={t("org.displayName")} required value={f.display_name} onChange={(e) => setF({ ...f, display_name: e.currentTarget.value })} error={fieldError(invite.error, "display_name")} />
        <NativeSelect size="xs" label={t("org.role")} value={f.role} onChange={(e) => setF({ ...f, role: e.currentTarget.value as Role })} data={grantableRoles(caller).map((r) => ({ value: r, label: t(`role.${r}`) }))} error={fieldError(invite.error, "role")} />
        <MultiSelect size="xs" label={t("org.stores")} placeholder={t("campaigns.allStores")} value={f.stores} onChange={(v) => setF({ ...f, stores: v })} data={stores.map((s) => ({ value: s.id, label: s.name }))} error={fieldError(invite.error, "stores")} />
        <TextInput size="xs" label={t("campaigns.senderName")} value={f.sender_name} onChange={(e) => setF({ ...f, sender_name: e.currentTarget.value })} error={fieldError(invite.error, "sender_name")} />
        <TextInput size="xs" label={t("campaigns.senderIcon")} value={f.sender_icon_url} onChange={(e) => setF({ ...f, sender_icon_url: e.currentTarget.value })} error={fieldError(invite.error, "sender_icon_url")} />
        <Checkbox size="xs" label={t("org.assignedOnly")} checked={f.assigned_only} onChange={(e) => setF({ ...f, assigned_only: e.currentTarget.checked })} />
      </SimpleGrid>
      <Button size="xs" type="submit" mt="xs" loading={invite.isPending}>{t("org.sendInvite")}</Button>
      <FailureAlert error={invite.error} />
    </form>
  );
}

function ActiveToggle({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const toggle = useMutation({
    mutationFn: () => sendJson("POST", `/admin/staff/${encodeURIComponent(staff.id)}/${staff.active === false ? "activate" : "deactivate"}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["staff"] }),
  });
  return (
    <Button size="compact-xs" variant="default" loading={toggle.isPending} onClick={() => toggle.mutate()}>
      {staff.active === false ? t("org.activate") : t("org.deactivate")}
    </Button>
  );
}

function QuotaMeter({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const q = useQuota(channel.id);
  if (!q.data) return <FailureAlert error={q.error} />;
  const { used, reserved, limit } = q.data;
  const pct = limit ? Math.min(100, ((used + reserved) * 100) / limit) : 0;
  return (
    <Stack gap={2} data-testid="quota">
      <Progress.Root size="lg">
        <Progress.Section value={limit ? (used * 100) / limit : 0} color={pct > 90 ? "red" : "green"} aria-label={`${t("org.quota")} (${t("org.used")})`} />
        <Progress.Section value={limit ? (reserved * 100) / limit : 0} color="yellow" aria-label={`${t("org.quota")} (${t("org.reserved")})`} />
      </Progress.Root>
      <Text size="xs">
        {t("org.quotaText", { month: q.data.month, used: used.toLocaleString(), reserved: reserved.toLocaleString(), limit: limit == null ? t("campaigns.unlimited") : limit.toLocaleString() })}
      </Text>
    </Stack>
  );
}

function ConnectChannel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const empty = { id: "", provider: "", bot_user_id: "", plan: "light", channel_secret: "", access_token: "" };
  const [f, setF] = useState(empty);
  const connect = useMutation({
    mutationFn: () => sendJson("POST", "/admin/channels", { ...f, plan: { kind: f.plan } }),
    onSuccess: () => { setF(empty); void qc.invalidateQueries({ queryKey: ["channels"] }); },
  });
  const field = (k: keyof typeof empty, label: string, type = "text") => (
    <TextInput size="xs" type={type} label={label} required value={f[k]} onChange={(e) => setF({ ...f, [k]: e.currentTarget.value })} error={fieldError(connect.error, k)} autoComplete="off" />
  );
  return (
    <form onSubmit={(e) => { e.preventDefault(); connect.mutate(); }}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mt="sm">
        {field("id", t("org.channelId"))}
        {field("provider", t("org.provider"))}
        {field("bot_user_id", t("org.botUserId"))}
        <NativeSelect size="xs" label={t("org.plan")} value={f.plan} onChange={(e) => setF({ ...f, plan: e.currentTarget.value })} data={["communication", "light", "standard", "unlimited"].map((p) => ({ value: p, label: t(`plan.${p}`) }))} />
        {field("channel_secret", t("org.secret"), "password")}
        {field("access_token", t("org.token"), "password")}
      </SimpleGrid>
      <Button size="xs" type="submit" mt="xs" loading={connect.isPending}>{t("org.connect")}</Button>
      <FailureAlert error={connect.error} />
    </form>
  );
}

export default function OrganizationPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  const org = useOrganization();
  const staff = useStaff();
  const channels = useChannels();
  const storeName = useStoreName();
  const channelLabel = useChannelLabel();
  return (
    <Stack>
      <Title order={1} size="h3">{org.data?.name ?? t("nav.organization")}</Title>
      <Text size="sm">
        {t("org.linkMode")}: {org.data ? t(`org.mode.${org.data.link_mode}`) : ""} · {t("org.defaultStore")}: {storeName(org.data?.default_store)}
      </Text>
      <Section title={t("org.stores")}>
        <Tree nodes={org.data?.stores ?? []} />
        {can(caller, "createStore") && <NewStore />}
      </Section>
      <Section title={t("org.staff")}>
        <ScrollTable label={t("org.staff")} minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("org.displayName")}</Table.Th>
                <Table.Th>{t("org.role")}</Table.Th>
                <Table.Th>{t("org.stores")}</Table.Th>
                <Table.Th>{t("campaigns.senderName")}</Table.Th>
                {can(caller, "manageStaff") && <Table.Th>{t("org.active")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(staff.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.display_name} <Text span size="xs" c="dimmed">{s.id}</Text></Table.Td>
                  <Table.Td><Badge variant="light">{t(`role.${s.role}`)}</Badge></Table.Td>
                  <Table.Td>{s.stores.length ? s.stores.map(storeName).join("、") : t("campaigns.allStores")}</Table.Td>
                  <Table.Td>{s.sender_name ?? "—"}</Table.Td>
                  {can(caller, "manageStaff") && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="xs">{s.active === false ? t("org.inactive") : t("org.activeYes")}</Text>
                        {s.id !== caller?.staff && <ActiveToggle staff={s} />}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
        {can(caller, "manageStaff") && <InviteStaff />}
      </Section>
      <Section title={t("org.channels")}>
        <Stack>
          {(channels.data ?? []).map((c) => (
            <Paper key={c.id} withBorder p="xs">
              <Group justify="space-between" mb={4}>
                <Text fw={600}>{channelLabel(c)}</Text>
                <Badge variant="light" color="gray">{t(`plan.${c.plan.kind}`)}</Badge>
              </Group>
              <Text size="xs" mb={4}>{t("org.provider")}: {c.provider} · {t("org.defaultStore")}: {storeName(c.default_store)}</Text>
              <QuotaMeter channel={c} />
            </Paper>
          ))}
          {can(caller, "manageChannels") && <ConnectChannel />}
        </Stack>
      </Section>
    </Stack>
  );
}
