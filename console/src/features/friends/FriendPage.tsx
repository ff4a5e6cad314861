import { Badge, Button, CloseButton, Grid, Group, NativeSelect, NumberInput, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Friend, Gender } from "../../api/models";
import { useAutomations, useFriend, useFriendRuns, useHistory, useRichMenus, useStaff } from "../../api/queries";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { AutomationRuns } from "../../components/AutomationRuns";
import { HistoryBubbles } from "../../components/HistoryBubbles";
import { FailureAlert, fieldError } from "../../components/forms";
import { addTag, assignStore, removeTag, setAttributes } from "./api";

function Attributes({ friend }: { friend: Friend }) {
  const { t } = useTranslation();
  const caller = useCaller();
  const queryClient = useQueryClient();
  const [gender, setGender] = useState(friend.attributes.gender ?? "");
  const [birthYear, setBirthYear] = useState<number | string>(friend.attributes.birth_year ?? "");
  const [prefecture, setPrefecture] = useState(friend.attributes.prefecture ?? "");
  useEffect(() => {
    setGender(friend.attributes.gender ?? "");
    setBirthYear(friend.attributes.birth_year ?? "");
    setPrefecture(friend.attributes.prefecture ?? "");
  }, [friend.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = useMutation({
    mutationFn: () =>
      setAttributes(friend.key, {
        gender: (gender || null) as Gender | null,
        birth_year: birthYear === "" ? null : Number(birthYear),
        prefecture: prefecture || null,
        custom: friend.attributes.custom ?? {},
      }),
    onSuccess: (f) => queryClient.setQueryData(["friend", f.key.provider, f.key.user_id], f),
  });
  const edit = can(caller, "editFriends");
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">
        {t("friends.attributes")}
      </Title>
      <NativeSelect
        label={t("friends.gender")}
        disabled={!edit}
        value={gender}
        onChange={(e) => setGender(e.currentTarget.value)}
        error={fieldError(save.error, "gender")}
        data={[
          { value: "", label: "—" },
          { value: "female", label: t("gender.female") },
          { value: "male", label: t("gender.male") },
          { value: "other", label: t("gender.other") },
        ]}
      />
      <NumberInput label={t("friends.birthYear")} disabled={!edit} value={birthYear} onChange={setBirthYear} min={1900} max={2100} error={fieldError(save.error, "birth_year")} />
      <TextInput label={t("friends.prefecture")} disabled={!edit} value={prefecture} onChange={(e) => setPrefecture(e.currentTarget.value)} placeholder="東京都" error={fieldError(save.error, "prefecture")} />
      {Object.entries(friend.attributes.custom ?? {}).map(([k, v]) => (
        <Text size="sm" key={k}>
          {k}: {v}
        </Text>
      ))}
      {edit && (
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending}>
          {t("common.save")}
        </Button>
      )}
      {save.error && !fieldError(save.error, "gender") && <FailureAlert error={save.error} />}
    </Stack>
  );
}

/** The rich menu otodoke linked to the friend on a channel (and one an automation pinned). */
function LinkedMenu({ channel, linked, pinned }: { channel: string; linked?: string; pinned?: string }) {
  const { t } = useTranslation();
  const menus = useRichMenus(channel);
  const name = (id: string) => menus.data?.find((m) => m.id === id)?.name ?? id;
  return (
    <Text size="xs" data-testid="linked-menu">
      {t("friends.menu")}: {linked ? name(linked) : t("friends.defaultMenu")}
      {pinned ? ` (${t("friends.pinnedMenu", { name: name(pinned) })})` : ""}
    </Text>
  );
}

/** What automations did for this friend, newest first. */
function AutomationTimeline({ provider, user }: { provider: string; user: string }) {
  const { t } = useTranslation();
  const runs = useFriendRuns(provider, user);
  const automations = useAutomations();
  const staff = useStaff();
  const { stores } = useStore();
  const names = useMemo(() => {
    const by = (items: Array<{ id: string; name?: string; display_name?: string }> | undefined) => (id: string) => {
      const x = items?.find((i) => i.id === id);
      return x?.name ?? x?.display_name ?? id;
    };
    return { automation: by(automations.data), staff: by(staff.data), store: by(stores) };
  }, [automations.data, staff.data, stores]);
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h5">
        {t("friends.automations")}
      </Title>
      <FailureAlert error={runs.error} />
      {runs.data && <AutomationRuns runs={runs.data.items} names={names} />}
    </Stack>
  );
}

export default function FriendPage() {
  const { t } = useTranslation();
  const { provider = "", user = "" } = useParams();
  const friend = useFriend(provider, user);
  const staff = useStaff();
  const { stores } = useStore();
  const caller = useCaller();
  const queryClient = useQueryClient();
  const [newTag, setNewTag] = useState("");
  const history = useHistory(provider, user);
  const update = (f: Friend) => queryClient.setQueryData(["friend", provider, user], f);
  const tagging = useMutation({ mutationFn: (tag: string) => addTag({ provider, user_id: user }, tag), onSuccess: (f) => { update(f); setNewTag(""); } });
  const untagging = useMutation({ mutationFn: (tag: string) => removeTag({ provider, user_id: user }, tag), onSuccess: update });
  const moving = useMutation({ mutationFn: (store: string) => assignStore({ provider, user_id: user }, store), onSuccess: update });
  if (friend.isError) return <FailureAlert error={friend.error} />;
  const f = friend.data;
  if (!f) return null;
  const edit = can(caller, "tagFriends");
  return (
    <Stack>
      <Title order={1} size="h3">
        {f.display_name ?? f.key.user_id}
      </Title>
      <Text size="xs" c="dimmed">
        {f.key.provider} / {f.key.user_id}
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="sm">
            <Stack gap="sm">
              <Title order={2} size="h5">
                {t("friends.tags")}
              </Title>
              <Group gap={4}>
                {f.tags.map((tag) => (
                  <Badge
                    key={tag}
                    variant="light"
                    rightSection={edit ? <CloseButton size="xs" aria-label={t("friends.untag", { tag })} onClick={() => untagging.mutate(tag)} /> : undefined}
                  >
                    {tag}
                  </Badge>
                ))}
              </Group>
              {edit && (
                <form onSubmit={(e) => { e.preventDefault(); if (newTag.trim()) tagging.mutate(newTag.trim()); }}>
                  <Group gap="xs" align="end">
                    <TextInput size="xs" label={t("friends.newTag")} value={newTag} onChange={(e) => setNewTag(e.currentTarget.value)} error={fieldError(tagging.error, "tag")} />
                    <Button size="xs" type="submit" loading={tagging.isPending}>
                      {t("friends.addOne")}
                    </Button>
                  </Group>
                </form>
              )}
              <NativeSelect
                label={t("friends.store")}
                disabled={!can(caller, "editFriends")}
                value={f.store_id ?? ""}
                onChange={(e) => moving.mutate(e.currentTarget.value)}
                data={[{ value: "", label: "—", disabled: true }, ...stores.map((s) => ({ value: s.id, label: s.name }))]}
                error={fieldError(moving.error, "store_id")}
              />
              {Object.entries(f.channels).map(([ch, link]) => (
                <Text size="xs" key={ch}>
                  {ch}: {t(`friends.state.${link.state}`)}
                  {link.followed_at ? ` (${new Date(link.followed_at).toLocaleDateString()})` : ""}
                </Text>
              ))}
              {Object.keys(f.channels).map((ch) => (
                <LinkedMenu key={ch} channel={ch} linked={f.menus?.linked?.[ch]} pinned={f.menus?.pinned?.[ch]} />
              ))}
              <Attributes friend={f} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Title order={2} size="h5" mb="xs">
            {t("friends.history")}
          </Title>
          <div className="chat-surface">
            <HistoryBubbles entries={history.data ?? []} staff={staff.data} dateStyle="full" />
            {history.data?.length === 0 && <Text size="sm">{t("friends.noHistory")}</Text>}
          </div>
          <AutomationTimeline provider={provider} user={user} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
