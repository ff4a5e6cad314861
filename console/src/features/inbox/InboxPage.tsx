import { Button, Group, Loader, NativeSelect, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ApiFailure } from "../../api/client";
import type { Staff } from "../../api/models";
import { useHistory, useStaff } from "../../api/queries";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { HistoryBubbles } from "../../components/HistoryBubbles";
import { addNote, assign, deleteNote, getInboxSettings, getThread, listNotes, markRead, returnToBot, sendMessage, setStatus, takeOver, uploadImage, type ThreadRef } from "./api";
import { ReplyBox } from "./ReplyBox";
import { ThreadList } from "./ThreadList";
import { NO_FILTER, handoffActive, threadKey, type ThreadFilter, type ThreadStatus, type ThreadView } from "./threads";
import { useInbox } from "./useInbox";
import "./inbox.css";

const STATUSES: ThreadStatus[] = ["open", "waiting", "resolved"];

const staffName = (staff: Staff[], id: string | null | undefined) => {
  const s = staff.find((m) => m.id === id);
  return s?.sender_name || s?.display_name || id || "";
};

function Filters({ filter, onChange }: { filter: ThreadFilter; onChange: (f: ThreadFilter) => void }) {
  const { t } = useTranslation();
  const { stores } = useStore();
  const [q, setQ] = useState(filter.q);
  const [debounced] = useDebouncedValue(q, 300);
  useEffect(() => {
    if (debounced !== filter.q) onChange({ ...filter, q: debounced });
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps
  const chip = (label: string, on: boolean, next: Partial<ThreadFilter>) => (
    <Button size="compact-xs" radius="xl" variant={on ? "filled" : "default"} aria-pressed={on} onClick={() => onChange({ ...filter, ...next })}>
      {label}
    </Button>
  );
  return (
    <Stack gap={6} mb="xs" className="inbox-filters">
      <TextInput size="xs" aria-label={t("inbox.search")} placeholder={t("inbox.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      <Group gap={4}>
        {chip(t("inbox.unreadOnly"), filter.unread, { unread: !filter.unread })}
        {chip(t("inbox.mine"), filter.assignee === "me", { assignee: filter.assignee === "me" ? "" : "me" })}
        {chip(t("inbox.unassigned"), filter.assignee === "none", { assignee: filter.assignee === "none" ? "" : "none" })}
      </Group>
      <Group gap={4} wrap="nowrap" grow>
        <NativeSelect
          size="xs"
          aria-label={t("inbox.statusLabel")}
          value={filter.status}
          data={[{ value: "", label: t("inbox.anyStatus") }, ...STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))]}
          onChange={(e) => onChange({ ...filter, status: e.currentTarget.value as ThreadFilter["status"] })}
        />
        {stores.length > 1 && (
          <NativeSelect
            size="xs"
            aria-label={t("common.store")}
            value={filter.store}
            data={[{ value: "", label: t("inbox.allStores") }, ...stores.map((s) => ({ value: s.id, label: `${"　".repeat(s.depth)}${s.name}` }))]}
            onChange={(e) => onChange({ ...filter, store: e.currentTarget.value })}
          />
        )}
        <TextInput size="xs" aria-label={t("inbox.tag")} placeholder={t("inbox.tag")} value={filter.tag} onChange={(e) => onChange({ ...filter, tag: e.currentTarget.value })} />
      </Group>
    </Stack>
  );
}

function Notes({ provider, user }: { provider: string; user: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ["notes", provider, user];
  const notes = useQuery({ queryKey: key, queryFn: () => listNotes(provider, user) });
  const [text, setText] = useState("");
  const add = useMutation({
    mutationFn: () => addNote(provider, user, text.trim()),
    onSuccess: () => {
      setText("");
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteNote(provider, user, id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });
  return (
    <Stack gap={6} className="notes">
      <Title order={3} size="h6">
        {t("inbox.notes")}
      </Title>
      <Text size="xs" c="gray.7">
        {t("inbox.notesHint")}
      </Text>
      {notes.data?.items.map((n) => (
        <div key={n.id} className="note" data-testid="note">
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {n.text}
          </Text>
          <Group justify="space-between" gap={4}>
            <Text size="xs" c="gray.7">
              {n.author} · {format.format(new Date(n.at))}
            </Text>
            <Button size="compact-xs" variant="default" onClick={() => remove.mutate(n.id)} aria-label={t("inbox.deleteNote")}>
              ×
            </Button>
          </Group>
        </div>
      ))}
      <Textarea size="xs" aria-label={t("inbox.newNote")} placeholder={t("inbox.newNote")} value={text} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} maxRows={6} />
      {add.error && <Text size="xs" c="red.8">{add.error.message}</Text>}
      <Button size="compact-sm" variant="light" disabled={!text.trim() || text.length > 2000} loading={add.isPending} onClick={() => add.mutate()}>
        {t("inbox.addNote")}
      </Button>
    </Stack>
  );
}

function ThreadHeader({ thread, staff, operate, onChanged, onBack }: { thread: ThreadView; staff: Staff[]; operate: boolean; onChanged: (t: ThreadView) => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const ref: ThreadRef = { channel_id: thread.channel_id, user_id: thread.customer.user_id };
  const act = useMutation({ mutationFn: (f: () => Promise<ThreadView>) => f(), onSuccess: onChanged });
  const handedOff = handoffActive(thread, Date.now());
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  return (
    <div className="chat-header">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Button variant="subtle" size="compact-sm" hiddenFrom="sm" onClick={onBack}>
            ← {t("inbox.back")}
          </Button>
          <Title order={2} size="h5" lineClamp={1}>
            {thread.customer.display_name || thread.customer.user_id}
          </Title>
        </Group>
        <Text size="xs" data-testid="handoff-state" className={handedOff ? "chat-state chat-state-staff" : "chat-state"}>
          {handedOff
            ? t("inbox.handoffShort", { name: thread.handoff?.by ? staffName(staff, thread.handoff.by) : t("inbox.nobody"), at: clock.format(new Date(thread.handoff!.until)) })
            : t("inbox.botAnswers")}
        </Text>
      </Group>
      {operate && (
        <Group gap={6} mt={6} className="chat-actions">
          <NativeSelect
            size="xs"
            label={t("inbox.assignee")}
            value={thread.assignee ?? ""}
            data={[{ value: "", label: t("inbox.nobody") }, ...staff.filter((s) => s.active !== false).map((s) => ({ value: s.id, label: s.display_name }))]}
            onChange={(e) => {
              const to = e.currentTarget.value || null;
              act.mutate(() => assign(ref, to));
            }}
          />
          <NativeSelect
            size="xs"
            label={t("inbox.statusLabel")}
            value={thread.status}
            data={STATUSES.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
            onChange={(e) => {
              const to = e.currentTarget.value as ThreadStatus;
              act.mutate(() => setStatus(ref, to));
            }}
          />
          {handedOff ? (
            <Button size="xs" variant="light" className="chat-handoff" loading={act.isPending} onClick={() => act.mutate(() => returnToBot(ref))}>
              {t("inbox.returnToBot")}
            </Button>
          ) : (
            <Button size="xs" variant="light" className="chat-handoff" loading={act.isPending} onClick={() => act.mutate(() => takeOver(ref))}>
              {t("inbox.takeOver")}
            </Button>
          )}
        </Group>
      )}
      {act.error && (
        <Text size="xs" c="red.8" role="alert">
          {act.error instanceof ApiFailure ? act.error.message : String(act.error)}
        </Text>
      )}
    </div>
  );
}

function Chat({ thread, staff, onChanged, onBack }: { thread: ThreadView; staff: Staff[]; onChanged: (t: ThreadView) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const caller = useCaller();
  const queryClient = useQueryClient();
  const { provider, user_id } = thread.customer;
  const history = useHistory(provider, user_id);
  const operate = can(caller, "replyInChat");
  const settings = useQuery({
    queryKey: ["inbox-settings", thread.store_id],
    enabled: !!thread.store_id && operate,
    staleTime: 60_000,
    queryFn: () => getInboxSettings(thread.store_id!),
  });
  const ref: ThreadRef = { channel_id: thread.channel_id, user_id };
  const surface = useRef<HTMLDivElement>(null);
  const count = history.data?.length ?? 0;
  useEffect(() => {
    surface.current?.scrollTo({ top: surface.current.scrollHeight });
  }, [count]);
  return (
    <>
      <ThreadHeader thread={thread} staff={staff} operate={operate} onChanged={onChanged} onBack={onBack} />
      <div ref={surface} className="chat-surface conversation" role="log" aria-label={t("inbox.conversation")} tabIndex={0} data-testid="conversation">
        {history.isPending ? <Loader size="sm" /> : history.isError ? <Text c="red.8">{history.error.message}</Text> : <HistoryBubbles entries={history.data} staff={staff} />}
      </div>
      {operate && (
        <ReplyBox
          canned={settings.data?.canned_replies ?? []}
          upload={thread.store_id ? (file) => uploadImage(thread.store_id!, file).then((m) => ({ original_url: m.url, preview_url: m.preview_url })) : undefined}
          send={async (body, key) => {
            await sendMessage(ref, body, key);
            await queryClient.invalidateQueries({ queryKey: ["history", provider, user_id] });
          }}
        />
      )}
      {!operate && (
        <Text size="xs" c="gray.7" mt={4}>
          {t("inbox.readOnly")}
        </Text>
      )}
    </>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  const staff = useStaff();
  const [filter, setFilter] = useState<ThreadFilter>(NO_FILTER);
  const { pages, threads, upsert, find } = useInbox(filter, caller?.staff ?? null);
  const [params, setParams] = useSearchParams();
  const selected = params.get("t");
  const listed = find(selected);
  // A thread outside the loaded pages or the filter (a link, a filter changed): read it.
  const direct = useQuery({
    queryKey: ["thread", selected],
    enabled: !!selected && !listed && selected.includes("/"),
    queryFn: () => {
      const [channel_id, ...user] = selected!.split("/");
      return getThread({ channel_id: channel_id!, user_id: user.join("/") });
    },
  });
  const thread = listed ?? direct.data ?? null;

  // Opening a thread (and new messages arriving while it is open) marks it read.
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!thread || thread.unread === 0) return;
    const mark = `${threadKey(thread)}@${thread.version}`;
    if (marked.current === mark) return;
    marked.current = mark;
    markRead({ channel_id: thread.channel_id, user_id: thread.customer.user_id })
      .then((r) => upsert([r.thread]))
      .catch(() => {});
  }, [thread, upsert]);

  const staffList = staff.data ?? [];
  return (
    <div className={`inbox ${selected ? "inbox-open" : ""}`}>
      <section className="inbox-threads" aria-labelledby="inbox-title">
        <Title id="inbox-title" order={1} size="h4" mb="xs">
          {t("nav.inbox")}
        </Title>
        <Filters filter={filter} onChange={setFilter} />
        {pages.isPending ? (
          <Loader size="sm" />
        ) : pages.isError ? (
          <Text c="red.8">{pages.error.message}</Text>
        ) : (
          <ThreadList
            threads={threads}
            selected={selected}
            onSelect={(key) => setParams({ t: key })}
            staff={staffList}
            loadMore={pages.hasNextPage && !pages.isFetchingNextPage ? () => void pages.fetchNextPage() : undefined}
          />
        )}
      </section>
      <section className="inbox-chat" aria-label={t("inbox.conversation")}>
        {thread ? (
          <Chat key={selected} thread={thread} staff={staffList} onChanged={(th) => upsert([th])} onBack={() => setParams({})} />
        ) : (
          <Text c="gray.7" size="sm" visibleFrom="sm">
            {selected ? <Loader size="sm" /> : t("inbox.pick")}
          </Text>
        )}
      </section>
      <aside className="inbox-friend" aria-label={t("inbox.profile")}>
        {thread && <Notes provider={thread.customer.provider} user={thread.customer.user_id} />}
      </aside>
    </div>
  );
}
