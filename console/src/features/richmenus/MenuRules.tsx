// A channel's menu rules: in order, the first rule a friend matches decides their
// menu, else the default. "Who would get which menu" counts come from the preview
// route; saving starts a relink job, followed here until it is done.
import { ActionIcon, Badge, Button, Group, MultiSelect, NativeSelect, Paper, Progress, SimpleGrid, Stack, TagsInput, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RelinkJob, RichMenu } from "../../api/models";
import { useSequences } from "../../api/queries";
import { useStore } from "../../app/stores";
import { FailureAlert, fieldError } from "../../components/forms";
import { getRelinkJob, getRules, previewRules, putRules } from "./api";
import { checkRules, emptyRule, move, rulesFrom, rulesInput, type RuleDraft, type RulesDraft } from "./form";

function RelinkProgress({ channel, job }: { channel: string; job: RelinkJob }) {
  const { t } = useTranslation();
  const live = useQuery({
    queryKey: ["relink", channel, job.id],
    queryFn: () => getRelinkJob(channel, job.id),
    initialData: job,
    refetchInterval: (q) => (q.state.data?.status === "running" ? 1000 : false),
  });
  const j = live.data;
  return (
    <Paper withBorder p="sm" data-testid="relink-job">
      <Group justify="space-between">
        <Text size="sm" fw={600}>{t("menus.relink.title")}</Text>
        <Badge color={j.status === "done" ? "green" : j.status === "running" ? "blue" : "gray"} variant="light" data-testid="relink-status">
          {t(`menus.relink.${j.status}`)}
        </Badge>
      </Group>
      {j.status === "running" && <Progress value={100} animated striped mt={6} aria-label={t("menus.relink.running")} />}
      <Text size="sm" mt={6}>
        {t("menus.relink.counts", { examined: j.examined, linked: j.linked, unlinked: j.unlinked, unchanged: j.unchanged, failed: j.failed })}
      </Text>
      <FailureAlert error={live.error} />
    </Paper>
  );
}

function RuleCard({
  rule, i, count, menus, editable, errors, onChange, onMove, onRemove,
}: {
  rule: RuleDraft; i: number; count: number; menus: RichMenu[]; editable: boolean; errors: (f: string) => string | undefined;
  onChange: (patch: Partial<RuleDraft>) => void; onMove: (by: number) => void; onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { stores } = useStore();
  const sequences = useSequences();
  return (
    <Paper withBorder p="sm" data-testid="menu-rule">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>{t("menus.rules.n", { n: i + 1 })}</Text>
          {editable && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="default" disabled={i === 0} onClick={() => onMove(-1)} aria-label={t("menus.rules.up", { n: i + 1 })}>↑</ActionIcon>
              <ActionIcon variant="default" disabled={i === count - 1} onClick={() => onMove(1)} aria-label={t("menus.rules.down", { n: i + 1 })}>↓</ActionIcon>
              <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={onRemove}>{t("menus.rules.remove")}</Button>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput label={t("menus.rules.name")} value={rule.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={errors(`rules[${i}].name`)} readOnly={!editable} miw={180} />
          <NativeSelect
            label={t("menus.rules.menu")}
            value={rule.menu}
            disabled={!editable}
            onChange={(e) => onChange({ menu: e.currentTarget.value })}
            error={errors(`rules[${i}].menu`)}
            data={[{ value: "", label: "—" }, ...menus.map((m) => ({ value: m.id, label: m.published ? m.name : `${m.name}（${t("menus.unpublished")}）` }))]}
            miw={180}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TagsInput label={t("menus.rules.tagsAll")} value={rule.tagsAll} onChange={(v) => onChange({ tagsAll: v })} disabled={!editable} miw={160} />
          <TagsInput label={t("menus.rules.tagsAny")} value={rule.tagsAny} onChange={(v) => onChange({ tagsAny: v })} disabled={!editable} miw={160} />
          <TagsInput label={t("menus.rules.tagsNone")} value={rule.tagsNone} onChange={(v) => onChange({ tagsNone: v })} disabled={!editable} miw={160} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <MultiSelect label={t("menus.rules.stores")} placeholder={rule.stores.length ? undefined : t("menus.rules.allStores")} value={rule.stores} onChange={(v) => onChange({ stores: v })} data={stores.map((s) => ({ value: s.id, label: s.name }))} disabled={!editable} miw={160} />
          <TextInput type="date" label={t("menus.rules.followedSince")} value={rule.followedSince} onChange={(e) => onChange({ followedSince: e.currentTarget.value })} readOnly={!editable} miw={150} />
          <NativeSelect
            label={t("menus.rules.inSequence")}
            value={rule.inSequence}
            disabled={!editable}
            onChange={(e) => onChange({ inSequence: e.currentTarget.value })}
            data={[{ value: "", label: t("menus.rules.anySequence") }, ...(sequences.data ?? []).map((c) => ({ value: c.id, label: c.name })),
              ...(rule.inSequence && !(sequences.data ?? []).some((c) => c.id === rule.inSequence) ? [{ value: rule.inSequence, label: rule.inSequence }] : [])]}
            miw={160}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

export function MenuRules({ channel, menus, editable }: { channel: string; menus: RichMenu[]; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const read = useQuery({ queryKey: ["menu-rules", channel], queryFn: () => getRules(channel) });
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [job, setJob] = useState<RelinkJob | null>(null);
  useEffect(() => {
    if (read.data) {
      setDraft(rulesFrom(read.data));
      setJob((j) => j ?? read.data.relink ?? null);
    }
  }, [read.data]);
  const preview = useMutation({ mutationFn: (d: RulesDraft) => previewRules(channel, rulesInput(d)) });
  const save = useMutation({
    mutationFn: (d: RulesDraft) => putRules(channel, rulesInput(d)),
    onSuccess: (v) => {
      qc.setQueryData(["menu-rules", channel], v);
      setJob(v.relink ?? null);
    },
  });
  // The counts follow what was last read (and each refresh).
  useEffect(() => {
    if (read.data && !preview.data && !preview.isPending) preview.mutate(rulesFrom(read.data));
  }, [read.data]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!draft) return <FailureAlert error={read.error} />;
  const setRule = (i: number, patch: Partial<RuleDraft>) => setDraft({ ...draft, rules: draft.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const errors = (f: string) => (checks[f] ? t(`check.${checks[f]}`) : fieldError(save.error, f));
  const menuName = (id: string) => menus.find((m) => m.id === id)?.name ?? id;
  const p = preview.data;
  const submit = () => {
    const c = checkRules(draft);
    setChecks(c);
    if (Object.keys(c).length === 0) save.mutate(draft);
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{t("menus.rules.hint")}</Text>
      {draft.rules.map((r, i) => (
        <RuleCard
          key={i}
          rule={r}
          i={i}
          count={draft.rules.length}
          menus={menus}
          editable={editable}
          errors={errors}
          onChange={(patch) => setRule(i, patch)}
          onMove={(by) => setDraft({ ...draft, rules: move(draft.rules, i, by) })}
          onRemove={() => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })}
        />
      ))}
      {editable && (
        <Button variant="light" w="fit-content" onClick={() => setDraft({ ...draft, rules: [...draft.rules, emptyRule()] })} disabled={draft.rules.length >= 50}>
          {t("menus.rules.add")}
        </Button>
      )}
      <NativeSelect
        label={t("menus.rules.default")}
        description={t("menus.rules.defaultHint")}
        value={draft.defaultMenu}
        disabled={!editable}
        onChange={(e) => setDraft({ ...draft, defaultMenu: e.currentTarget.value })}
        data={[{ value: "", label: t("menus.rules.noMenu") }, ...menus.map((m) => ({ value: m.id, label: m.published ? m.name : `${m.name}（${t("menus.unpublished")}）` }))]}
        maw={420}
      />
      <Paper withBorder p="sm" data-testid="rules-preview">
        <Group justify="space-between" mb={6}>
          <Title order={3} size="h6">{t("menus.rules.who")}</Title>
          <Button size="compact-sm" variant="light" onClick={() => preview.mutate(draft)} loading={preview.isPending}>
            {t("menus.rules.refresh")}
          </Button>
        </Group>
        {p && (
          <Stack gap={2}>
            {Object.entries(p.menus).map(([id, n]) => (
              <Text size="sm" key={id}>
                {menuName(id)}: <b>{t("menus.rules.people", { count: n })}</b>
              </Text>
            ))}
            <Text size="sm">{t("menus.rules.noMenu")}: <b>{t("menus.rules.people", { count: p.no_menu })}</b></Text>
            <Text size="xs" c="dimmed">
              {p.complete ? t("menus.rules.examined", { count: p.examined }) : t("menus.rules.sample", { count: p.examined })}
            </Text>
          </Stack>
        )}
        <FailureAlert error={preview.error} />
      </Paper>
      {editable && (
        <Group>
          <Button onClick={submit} loading={save.isPending}>{t("menus.rules.save")}</Button>
        </Group>
      )}
      {Object.keys(checks).length > 0 && <Text size="sm" c="red.8">{t("check.fix", { count: Object.keys(checks).length })}</Text>}
      <FailureAlert error={save.error} />
      {job && <RelinkProgress key={job.id} channel={channel} job={job} />}
    </Stack>
  );
}
