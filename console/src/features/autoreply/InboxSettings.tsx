// A store's staff-chat settings: how long the bot stays silent after staff write,
// whether the customer sees 既読 only when staff read, and the canned replies (定型文).
import { Alert, Button, Checkbox, Group, NumberInput, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiFailure } from "../../api/client";
import type { Schemas } from "../../api/models";
import { FailureAlert, fieldError } from "../../components/forms";
import { getInboxSettings, putInboxSettings } from "./api";

type Settings = Schemas["InboxSettingsView"];

/** A new canned reply's id: unique in the list, from the time (ids are 1–64 chars). */
const newId = (taken: Settings["canned_replies"]) => {
  let id = `r${Date.now().toString(36)}`;
  while (taken.some((c) => c.id === id)) id += "x";
  return id;
};

export function InboxSettings({ store, editable }: { store: string; editable: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ["inbox-settings", store];
  const q = useQuery({ queryKey: key, queryFn: () => getInboxSettings(store) });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (q.data) setDraft(q.data);
  }, [q.data]);
  const save = useMutation({
    mutationFn: (s: Settings) => putInboxSettings(store, s),
    onSuccess: (s) => qc.setQueryData(key, s),
  });
  if (!draft) return <FailureAlert error={q.error} />;
  const stale = save.error instanceof ApiFailure && save.error.status === 409;
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const setReply = (i: number, patch: Partial<Settings["canned_replies"][number]>) =>
    set({ canned_replies: draft.canned_replies.map((c, j) => (i === j ? { ...c, ...patch } : c)) });
  return (
    <Stack data-testid="inbox-settings">
      <NumberInput
        label={t("autoreply.handoffMinutes")}
        description={t("autoreply.handoffHint")}
        min={1}
        max={1440}
        w={220}
        readOnly={!editable}
        value={draft.handoff_minutes}
        onChange={(v) => set({ handoff_minutes: typeof v === "number" ? v : Number(v) || 0 })}
        error={fieldError(save.error, "handoff_minutes")}
      />
      <Checkbox
        label={t("autoreply.markReadOnLine")}
        description={t("autoreply.markReadHint")}
        disabled={!editable}
        checked={draft.mark_read_on_line}
        onChange={(e) => set({ mark_read_on_line: e.currentTarget.checked })}
      />
      <Text fw={600} size="sm">
        {t("autoreply.cannedReplies")}
      </Text>
      <Text size="xs" c="gray.7">
        {t("autoreply.greetingPlaceholders")}
      </Text>
      {draft.canned_replies.map((c, i) => (
        <Group key={c.id} align="flex-start" gap="xs" wrap="wrap" pb="xs" className="canned-reply" data-testid="canned-reply">
          <TextInput
            size="xs"
            label={t("autoreply.cannedTitle")}
            readOnly={!editable}
            value={c.title}
            maxLength={50}
            onChange={(e) => setReply(i, { title: e.currentTarget.value })}
            error={fieldError(save.error, `canned_replies[${i}].title`)}
            w={180}
          />
          <Textarea
            size="xs"
            label={t("autoreply.cannedText")}
            readOnly={!editable}
            value={c.text}
            autosize
            minRows={1}
            maxRows={6}
            onChange={(e) => setReply(i, { text: e.currentTarget.value })}
            error={fieldError(save.error, `canned_replies[${i}].text`)}
            style={{ flex: 1, minWidth: 220 }}
          />
          {editable && (
            <Button size="xs" mt={22} variant="default" onClick={() => set({ canned_replies: draft.canned_replies.filter((_, j) => j !== i) })}>
              {t("autoreply.removeCanned")}
            </Button>
          )}
        </Group>
      ))}
      {editable && (
        <Group>
          <Button
            size="xs"
            variant="default"
            disabled={draft.canned_replies.length >= 100}
            onClick={() => set({ canned_replies: [...draft.canned_replies, { id: newId(draft.canned_replies), title: "", text: "" }] })}
          >
            {t("autoreply.addCanned")}
          </Button>
          <Button size="xs" loading={save.isPending} onClick={() => save.mutate(draft)}>
            {t("common.save")}
          </Button>
        </Group>
      )}
      {stale ? (
        <Alert color="orange" variant="light" role="alert" p="xs">
          <Group justify="space-between">
            <span>{t("autoreply.stale")}</span>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                save.reset();
                void q.refetch().then((r) => r.data && setDraft(r.data));
              }}
            >
              {t("autoreply.reload")}
            </Button>
          </Group>
        </Alert>
      ) : (
        <FailureAlert error={save.error} />
      )}
    </Stack>
  );
}
