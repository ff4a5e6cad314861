import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Friend } from "../../api/models";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { ScrollTable } from "../../components/ScrollTable";
import { FailureAlert } from "../../components/forms";
import { addTag, inBulk, listFriends, removeTag } from "./api";

const keyOf = (f: Friend) => `${f.key.provider}/${f.key.user_id}`;

export default function FriendsPage() {
  const { t } = useTranslation();
  const { store } = useStore();
  const caller = useCaller();
  const [q, setQ] = useState("");
  const [tag, setTag] = useState("");
  const [gender, setGender] = useState("");
  const [cursor, setCursor] = useState<string | undefined>();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [bulkTag, setBulkTag] = useState("");
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const friends = useQuery({
    queryKey: ["friends", store?.id, q, tag, cursor],
    enabled: !!store,
    queryFn: () => listFriends(store!.id, { q, tag, cursor }),
  });
  const rows = (friends.data?.items ?? []).filter((f) => !gender || f.attributes.gender === gender);
  const selected = rows.filter((f) => checked.has(keyOf(f)));

  async function bulk(action: "tag" | "untag") {
    const value = bulkTag.trim();
    if (!value || selected.length === 0) return;
    setBusy(true);
    const failed = await inBulk(
      selected.map((f) => f.key),
      (k) => (action === "tag" ? addTag(k, value) : removeTag(k, value)),
    );
    setBusy(false);
    setBulkResult(t("friends.bulkDone", { count: selected.length - failed, failed }));
    await queryClient.invalidateQueries({ queryKey: ["friends"] });
  }

  return (
    <Stack gap="sm">
      <Title order={1} size="h3">
        {t("nav.friends")}
      </Title>
      <Group gap="xs" align="end">
        <TextInput label={t("friends.search")} value={q} onChange={(e) => { setQ(e.currentTarget.value); setCursor(undefined); }} />
        <TextInput label={t("friends.tag")} value={tag} onChange={(e) => { setTag(e.currentTarget.value); setCursor(undefined); }} />
        <NativeSelect
          label={t("friends.gender")}
          value={gender}
          onChange={(e) => setGender(e.currentTarget.value)}
          data={[
            { value: "", label: t("common.any") },
            { value: "female", label: t("gender.female") },
            { value: "male", label: t("gender.male") },
            { value: "other", label: t("gender.other") },
          ]}
        />
      </Group>
      {can(caller, "tagFriends") && (
        <Group gap="xs" align="end">
          <TextInput label={t("friends.bulkTag")} value={bulkTag} onChange={(e) => setBulkTag(e.currentTarget.value)} />
          <Button loading={busy} disabled={!bulkTag.trim() || selected.length === 0} onClick={() => void bulk("tag")}>
            {t("friends.addTag", { count: selected.length })}
          </Button>
          <Button variant="default" loading={busy} disabled={!bulkTag.trim() || selected.length === 0} onClick={() => void bulk("untag")}>
            {t("friends.removeTag", { count: selected.length })}
          </Button>
          {bulkResult && <Text size="sm" role="status">{bulkResult}</Text>}
        </Group>
      )}
      <FailureAlert error={friends.error} />
      <ScrollTable label={t("nav.friends")} minWidth={520}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              {can(caller, "tagFriends") && (
                <Table.Th>
                  <Checkbox
                    aria-label={t("friends.selectAll")}
                    checked={rows.length > 0 && selected.length === rows.length}
                    onChange={(e) => setChecked(new Set(e.currentTarget.checked ? rows.map(keyOf) : []))}
                  />
                </Table.Th>
              )}
              <Table.Th>{t("friends.name")}</Table.Th>
              <Table.Th>{t("friends.tags")}</Table.Th>
              <Table.Th>{t("friends.store")}</Table.Th>
              <Table.Th>{t("friends.since")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={keyOf(f)} data-testid="friend-row">
                {can(caller, "tagFriends") && (
                  <Table.Td>
                    <Checkbox
                      aria-label={t("friends.select", { name: f.display_name ?? f.key.user_id })}
                      checked={checked.has(keyOf(f))}
                      onChange={(e) => {
                        const next = new Set(checked);
                        if (e.currentTarget.checked) next.add(keyOf(f));
                        else next.delete(keyOf(f));
                        setChecked(next);
                      }}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} to={`/friends/${encodeURIComponent(f.key.provider)}/${encodeURIComponent(f.key.user_id)}`}>
                    {f.display_name ?? f.key.user_id}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {f.tags.map((x) => (
                      <Badge key={x} size="sm" variant="light">
                        {x}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{f.store_id ?? "—"}</Table.Td>
                <Table.Td>{new Date(f.created_at).toLocaleDateString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {friends.data && rows.length === 0 && <Text c="dimmed">{t("friends.none")}</Text>}
      <Group>
        {cursor && (
          <Button variant="subtle" onClick={() => setCursor(undefined)}>
            {t("common.first")}
          </Button>
        )}
        {friends.data?.next_cursor && (
          <Button variant="subtle" onClick={() => setCursor(friends.data.next_cursor ?? undefined)}>
            {t("common.next")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
