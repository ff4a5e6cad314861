// One automation: its trigger and parameters, its ordered actions, enabled and
// channel; the API's 422 field errors by the fields; and the runs it took part in.
import { ActionIcon, Anchor, Button, Checkbox, Grid, Group, NativeSelect, Paper, Stack, Switch, TagsInput, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiFailure } from "../../api/client";
import { useAutomations, useChannels, useRichMenus, useSequences, useStaff } from "../../api/queries";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { AutomationRuns } from "../../components/AutomationRuns";
import { FailureAlert, fieldError } from "../../components/forms";
import { createAutomation, deleteAutomation, getAutomation, listRuns, updateAutomation } from "./api";
import {
  ACTION_TYPES, MAX_ACTIONS, MAX_MESSAGES, TRIGGER_TYPES, automationFrom, automationInput, checkAutomation, emptyAction, emptyAutomation,
  type ActionDraft, type ActionType, type AutomationDraft, type TriggerType,
} from "./form";
import { useNames } from "./names";

type Err = (field: string) => string | undefined;

function ActionFields({ a, i, set, err, editable, self, menuChannel }: { a: ActionDraft; i: number; set: (p: Partial<ActionDraft>) => void; err: Err; editable: boolean; self: string; menuChannel: string | null }) {
  const { t } = useTranslation();
  const { stores } = useStore();
  const staff = useStaff();
  const sequences = useSequences();
  const automations = useAutomations();
  const menus = useRichMenus(menuChannel);
  const f = `actions[${i}]`;
  const seqData = [{ value: "", label: "—" }, ...(sequences.data ?? []).map((c) => ({ value: c.id, label: c.name }))];
  switch (a.type) {
    case "add_tags":
    case "remove_tags":
      return <TagsInput label={t("auto.tags")} description={t("auto.tagsHint")} value={a.tags} onChange={(tags) => set({ tags })} error={err(`${f}.tags`)} disabled={!editable} />;
    case "set_attribute":
      return (
        <Group grow align="start" wrap="wrap">
          <TextInput label={t("auto.attrKey")} value={a.key} onChange={(e) => set({ key: e.currentTarget.value })} error={err(`${f}.key`)} readOnly={!editable} miw={140} />
          <TextInput label={t("auto.attrValue")} description={t("auto.attrValueHint")} value={a.value} onChange={(e) => set({ value: e.currentTarget.value })} readOnly={!editable} miw={140} />
        </Group>
      );
    case "assign_store":
      return <NativeSelect label={t("auto.store")} value={a.store} disabled={!editable} onChange={(e) => set({ store: e.currentTarget.value })} error={err(`${f}.store`)} data={[{ value: "", label: t("auto.noStore") }, ...stores.map((s) => ({ value: s.id, label: s.name }))]} />;
    case "assign_staff":
      return <NativeSelect label={t("auto.staff")} value={a.staff} disabled={!editable} onChange={(e) => set({ staff: e.currentTarget.value })} error={err(`${f}.staff`)} data={[{ value: "", label: t("auto.noStaff") }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.display_name }))]} />;
    case "send":
      return (
        <Stack gap={6}>
          {a.texts.map((text, j) => (
            <Group key={j} align="end" wrap="nowrap" gap={6}>
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                label={t("auto.messageN", { n: j + 1 })}
                value={text}
                readOnly={!editable}
                onChange={(e) => { const v = e.currentTarget.value; set({ texts: a.texts.map((x, k) => (k === j ? v : x)) }); }}
                error={err(`${f}.messages[${j}].text`) ?? err(`${f}.messages[${j}]`)}
              />
              {editable && a.texts.length > 1 && (
                <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" onClick={() => set({ texts: a.texts.filter((_, k) => k !== j) })}>{t("auto.removeMessage")}</Button>
              )}
            </Group>
          ))}
          {a.other.length > 0 && <Text size="xs" c="dimmed">{t("auto.otherMessages", { count: a.other.length })}</Text>}
          {err(`${f}.messages`) && <Text size="xs" c="red.8">{err(`${f}.messages`)}</Text>}
          {editable && a.texts.length + a.other.length < MAX_MESSAGES && (
            <Button size="compact-sm" variant="light" w="fit-content" onClick={() => set({ texts: [...a.texts, ""] })}>{t("auto.addMessage")}</Button>
          )}
        </Stack>
      );
    case "start_sequence":
    case "stop_sequence":
      return <NativeSelect label={t("auto.sequence")} value={a.campaign} disabled={!editable} onChange={(e) => set({ campaign: e.currentTarget.value })} error={err(`${f}.campaign`)} data={seqData} />;
    case "switch_menu":
      return <NativeSelect label={t("auto.menu")} value={a.menu} disabled={!editable} onChange={(e) => set({ menu: e.currentTarget.value })} error={err(`${f}.menu`)} data={[{ value: "", label: t("auto.menuRules") }, ...(menus.data ?? []).map((m) => ({ value: m.id, label: m.name }))]} />;
    case "hand_off":
      return <TextInput label={t("auto.minutes")} description={t("auto.minutesHint")} inputMode="numeric" value={a.minutes} onChange={(e) => set({ minutes: e.currentTarget.value })} error={err(`${f}.minutes`)} readOnly={!editable} maw={260} />;
    case "notify_staff":
      return <Textarea label={t("auto.notifyText")} autosize minRows={1} value={a.text} onChange={(e) => set({ text: e.currentTarget.value })} error={err(`${f}.text`)} readOnly={!editable} />;
    case "run":
      return <NativeSelect label={t("auto.runOther")} value={a.automation} disabled={!editable} onChange={(e) => set({ automation: e.currentTarget.value })} error={err(`${f}.automation`)} data={[{ value: "", label: "—" }, ...(automations.data ?? []).filter((x) => x.id !== self).map((x) => ({ value: x.id, label: x.name }))]} />;
  }
}

function Runs({ id }: { id: string }) {
  const { t } = useTranslation();
  const names = useNames();
  const runs = useQuery({ queryKey: ["automation-runs", id], queryFn: () => listRuns(id), refetchInterval: 10_000, retry: (n, e) => !(e instanceof ApiFailure && e.status === 403) && n < 2 });
  return (
    <Stack gap="xs">
      <Title order={2} size="h5">{t("auto.runs")}</Title>
      <FailureAlert error={runs.error} />
      {runs.data && <AutomationRuns runs={runs.data.items} names={names} showFriend />}
    </Stack>
  );
}

export default function AutomationPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const isNew = id === "new";
  const navigate = useNavigate();
  const qc = useQueryClient();
  const editable = can(useCaller(), "editAutomations");
  const channels = useChannels();
  const sequences = useSequences();
  const saved = useQuery({ queryKey: ["automation", id], enabled: !isNew, queryFn: () => getAutomation(id) });
  const [draft, setDraft] = useState<AutomationDraft>(emptyAutomation);
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    if (saved.data) setDraft(automationFrom(saved.data));
  }, [saved.data]);
  const save = useMutation({
    mutationFn: () => (isNew ? createAutomation(automationInput(draft)) : updateAutomation(id, automationInput(draft))),
    onSuccess: (a) => {
      qc.setQueryData(["automation", a.id], a);
      void qc.invalidateQueries({ queryKey: ["automations"] });
      if (isNew) navigate(`/automations/${encodeURIComponent(a.id)}`, { replace: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteAutomation(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["automations"] });
      navigate("/automations");
    },
  });
  if (saved.isError) return <FailureAlert error={saved.error} />;
  if (!isNew && !saved.data) return null;

  const err: Err = (field) => (checks[field] ? t(`check.${checks[field]}`) : fieldError(save.error, field));
  const set = (patch: Partial<AutomationDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTrigger = (patch: Partial<AutomationDraft["trigger"]>) => setDraft((d) => ({ ...d, trigger: { ...d.trigger, ...patch } }));
  const setAction = (i: number, patch: Partial<ActionDraft>) => setDraft((d) => ({ ...d, actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));
  const moveAction = (i: number, by: number) =>
    setDraft((d) => {
      const j = i + by;
      if (j < 0 || j >= d.actions.length) return d;
      const actions = d.actions.slice();
      [actions[i], actions[j]] = [actions[j]!, actions[i]!];
      return { ...d, actions };
    });
  const submit = () => {
    const c = checkAutomation(draft, isNew ? undefined : id);
    setChecks(c);
    if (Object.keys(c).length === 0) save.mutate();
  };
  const tr = draft.trigger;
  const menuChannel = draft.channel || channels.data?.[0]?.id || null;
  const general = fieldError(save.error, "automation");

  return (
    <Stack>
      <Stack gap={0}>
        <Anchor component={Link} to="/automations" size="sm">← {t("nav.automations")}</Anchor>
        <Title order={1} size="h3">{isNew ? t("auto.new") : saved.data!.name}</Title>
      </Stack>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <TextInput label={t("auto.name")} value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err("name")} readOnly={!editable} />
            <Group align="end" wrap="wrap">
              <NativeSelect label={t("auto.channel")} value={draft.channel} disabled={!editable} onChange={(e) => set({ channel: e.currentTarget.value })} error={err("channel")} data={[{ value: "", label: t("auto.allChannels") }, ...(channels.data ?? []).map((c) => ({ value: c.id, label: c.id }))]} />
              <Switch label={t("auto.enabled")} checked={draft.enabled} disabled={!editable} onChange={(e) => set({ enabled: e.currentTarget.checked })} mb={8} />
            </Group>
            <Paper withBorder p="sm">
              <Stack gap="xs">
                <Title order={2} size="h5">{t("auto.when")}</Title>
                <NativeSelect label={t("auto.triggerType")} value={tr.type} disabled={!editable} onChange={(e) => setTrigger({ type: e.currentTarget.value as TriggerType })} data={TRIGGER_TYPES.map((x) => ({ value: x, label: t(`auto.trigger.${x}`) }))} />
                {tr.type === "keyword" && (
                  <>
                    <TagsInput label={t("auto.keywords")} description={t("auto.keywordsHint")} value={tr.keywords} onChange={(keywords) => setTrigger({ keywords })} error={err("trigger.keywords")} disabled={!editable} />
                    <Checkbox label={t("auto.exact")} checked={tr.exact} disabled={!editable} onChange={(e) => setTrigger({ exact: e.currentTarget.checked })} />
                  </>
                )}
                {tr.type === "postback" && <TextInput label={t("auto.postbackData")} value={tr.data} onChange={(e) => setTrigger({ data: e.currentTarget.value })} error={err("trigger.data")} readOnly={!editable} />}
                {(tr.type === "tag_added" || tr.type === "tag_removed") && <TextInput label={t("auto.tag")} value={tr.tag} onChange={(e) => setTrigger({ tag: e.currentTarget.value })} error={err("trigger.tag")} readOnly={!editable} />}
                {tr.type === "sequence_finished" && (
                  <NativeSelect label={t("auto.sequence")} value={tr.campaign} disabled={!editable} onChange={(e) => setTrigger({ campaign: e.currentTarget.value })} error={err("trigger.campaign")} data={[{ value: "", label: "—" }, ...(sequences.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
                )}
                {tr.type === "link_clicked" && <TextInput label={t("auto.link")} value={tr.link} onChange={(e) => setTrigger({ link: e.currentTarget.value })} error={err("trigger.link")} readOnly={!editable} />}
                {tr.type === "manual" && <Text size="xs" c="dimmed">{t("auto.manualHint")}</Text>}
              </Stack>
            </Paper>
            <Title order={2} size="h5">{t("auto.does")}</Title>
            {draft.actions.map((a, i) => (
              <Paper withBorder p="sm" key={i} data-testid="automation-action">
                <Stack gap="xs">
                  <Group justify="space-between" wrap="nowrap" align="end">
                    <NativeSelect label={t("auto.actionN", { n: i + 1 })} value={a.type} disabled={!editable} onChange={(e) => setAction(i, { type: e.currentTarget.value as ActionType })} data={ACTION_TYPES.map((x) => ({ value: x, label: t(`auto.action.${x}`) }))} style={{ flex: 1 }} />
                    {editable && (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon variant="default" size="lg" disabled={i === 0} onClick={() => moveAction(i, -1)} aria-label={t("auto.up", { n: i + 1 })}>↑</ActionIcon>
                        <ActionIcon variant="default" size="lg" disabled={i === draft.actions.length - 1} onClick={() => moveAction(i, 1)} aria-label={t("auto.down", { n: i + 1 })}>↓</ActionIcon>
                        <Button size="compact-sm" variant="subtle" color="red.9" c="red.9" disabled={draft.actions.length === 1} onClick={() => set({ actions: draft.actions.filter((_, j) => j !== i) })}>{t("auto.removeAction")}</Button>
                      </Group>
                    )}
                  </Group>
                  <ActionFields a={a} i={i} set={(p) => setAction(i, p)} err={err} editable={editable} self={isNew ? "" : id} menuChannel={menuChannel} />
                  {fieldError(save.error, `actions[${i}]`) && <Text size="xs" c="red.8">{fieldError(save.error, `actions[${i}]`)}</Text>}
                </Stack>
              </Paper>
            ))}
            {err("actions") && <Text size="xs" c="red.8">{err("actions")}</Text>}
            {editable && draft.actions.length < MAX_ACTIONS && (
              <Button variant="light" w="fit-content" onClick={() => set({ actions: [...draft.actions, emptyAction()] })}>{t("auto.addAction")}</Button>
            )}
            {editable && (
              <Group gap="xs">
                <Button onClick={submit} loading={save.isPending}>{t("common.save")}</Button>
                {!isNew && !confirmDelete && <Button variant="subtle" color="red.9" c="red.9" onClick={() => setConfirmDelete(true)}>{t("auto.delete")}</Button>}
                {confirmDelete && (
                  <Group gap={4}>
                    <Text size="sm">{t("auto.deleteConfirm")}</Text>
                    <Button size="xs" color="red.8" onClick={() => remove.mutate()} loading={remove.isPending}>{t("menus.deleteYes")}</Button>
                    <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>{t("menus.deleteNo")}</Button>
                  </Group>
                )}
              </Group>
            )}
            {!editable && <Text size="sm" c="dimmed">{t("auto.readOnly")}</Text>}
            {Object.keys(checks).length > 0 && <Text size="sm" c="red.8">{t("check.fix", { count: Object.keys(checks).length })}</Text>}
            {save.isSuccess && <Text size="sm" role="status">{t("auto.saved")}</Text>}
            <FailureAlert error={general ? null : save.error} />
            {general && <FailureAlert error={new Error(general)} />}
            <FailureAlert error={remove.error} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>{!isNew && <Runs id={id} />}</Grid.Col>
      </Grid>
    </Stack>
  );
}
