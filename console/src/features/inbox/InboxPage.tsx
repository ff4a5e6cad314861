import { Anchor, Badge, Button, Checkbox, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useChannels, useFriend, useHistory, useStaff } from "../../api/queries";
import { useStore } from "../../app/stores";
import { can } from "../../auth/roles";
import { useCaller } from "../../auth/session";
import { HistoryBubbles } from "../../components/HistoryBubbles";
import { useThreads } from "./queries";
import { ReplyBox } from "./ReplyBox";
import { assignThread, available, markThreadRead, returnThreadToBot, sendStaffReply, takeOverThread } from "./staffChat";
import { ThreadList } from "./ThreadList";
import { filterThreads } from "./threads";
import "./inbox.css";

const READ_KEY = "otodoke.read";

/** Read marks, per friend, kept in this browser until the API keeps read state (#12). */
function useReadMarks() {
  const [marks, setMarks] = useState<Record<string, string>>(() => {
    try {
      return JSON.parse(localStorage.getItem(READ_KEY) ?? "{}") as Record<string, string>;
    } catch {
      return {};
    }
  });
  const mark = useCallback((user: string, at: string) => {
    setMarks((m) => {
      if (m[user] && Date.parse(m[user]) >= Date.parse(at)) return m;
      const next = { ...m, [user]: at };
      localStorage.setItem(READ_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { marks, mark };
}

function Conversation({ provider, user }: { provider: string; user: string }) {
  const history = useHistory(provider, user);
  const staff = useStaff();
  if (history.isPending) return <Loader size="sm" />;
  if (history.isError) return <Text c="red.8">{history.error.message}</Text>;
  return (
    <div className="chat-surface conversation" aria-live="polite" data-testid="conversation">
      <HistoryBubbles entries={history.data} staff={staff.data} />
    </div>
  );
}

function FriendPanel({ provider, user }: { provider: string; user: string }) {
  const { t } = useTranslation();
  const friend = useFriend(provider, user);
  const staff = useStaff();
  const caller = useCaller();
  const f = friend.data;
  if (!f) return null;
  const handoff = f.conversation.handoff_until && Date.parse(f.conversation.handoff_until) > Date.now();
  const operate = can(caller, "replyInChat");
  return (
    <Stack gap="xs" className="friend-panel">
      <Title order={3} size="h5">
        {f.display_name ?? f.key.user_id}
      </Title>
      <Group gap={4}>
        {f.tags.map((tag) => (
          <Badge key={tag} variant="light" size="sm">
            {tag}
          </Badge>
        ))}
      </Group>
      <Text size="xs">
        {t("friends.store")}: {f.store_id ?? "—"}
      </Text>
      <Text size="xs">{handoff ? t("inbox.handoffUntil", { at: f.conversation.handoff_until }) : t("inbox.botAnswers")}</Text>
      {operate && available("takeOver") && !handoff && (
        <Button size="xs" variant="light" onClick={() => void takeOverThread(f.key)}>
          {t("inbox.takeOver")}
        </Button>
      )}
      {operate && available("returnToBot") && handoff && (
        <Button size="xs" variant="light" onClick={() => void returnThreadToBot(f.key)}>
          {t("inbox.returnToBot")}
        </Button>
      )}
      {operate && available("assign") && (
        <NativeSelect
          size="xs"
          label={t("inbox.assignee")}
          data={[{ value: "", label: "—" }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.display_name }))]}
          onChange={(e) => void assignThread(f.key, e.currentTarget.value || null)}
        />
      )}
      <Anchor component={Link} to={`/friends/${encodeURIComponent(provider)}/${encodeURIComponent(user)}`} size="sm">
        {t("inbox.openFriend")}
      </Anchor>
    </Stack>
  );
}

export default function InboxPage() {
  const { t } = useTranslation();
  const { store } = useStore();
  const caller = useCaller();
  const { marks, mark } = useReadMarks();
  const threads = useThreads(store, marks);
  const channels = useChannels();
  const [params, setParams] = useSearchParams();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [text, setText] = useState("");
  const selected = params.get("t");
  const queryClient = useQueryClient();
  const thread = useMemo(() => threads.data?.find((th) => th.userId === selected) ?? null, [threads.data, selected]);
  const provider = thread?.provider ?? channels.data?.[0]?.provider ?? null;

  useEffect(() => {
    if (!thread) return;
    mark(thread.userId, thread.lastAt);
    if (provider && thread.unread > 0 && available("markRead")) void markThreadRead({ provider, user_id: thread.userId });
  }, [thread, mark, provider]);

  const canReply = can(caller, "replyInChat") && available("reply");
  const send = canReply && provider && selected
    ? async (text: string, key: string) => {
        await sendStaffReply({ provider, user_id: selected }, text, key);
        await queryClient.invalidateQueries({ queryKey: ["history", provider, selected] });
      }
    : undefined;

  return (
    <div className={`inbox ${selected ? "inbox-open" : ""}`}>
      <section className="inbox-threads" aria-labelledby="inbox-title">
        <Title id="inbox-title" order={1} size="h4" mb="xs">
          {t("nav.inbox")}
        </Title>
        {threads.isPending ? (
          <Loader size="sm" />
        ) : threads.isError ? (
          <Text c="red.8">{threads.error.message}</Text>
        ) : (
          <>
            <Group gap="xs" mb="xs" wrap="nowrap">
              <TextInput size="xs" aria-label={t("inbox.filter")} placeholder={t("inbox.filter")} value={text} onChange={(e) => setText(e.currentTarget.value)} style={{ flex: 1 }} />
              <Checkbox size="xs" label={t("inbox.unreadOnly")} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
            </Group>
            <ThreadList threads={filterThreads(threads.data, { unreadOnly, text })} selected={selected} onSelect={(u) => setParams({ t: u })} />
          </>
        )}
      </section>
      <section className="inbox-chat" aria-label={t("inbox.conversation")}>
        {selected && provider ? (
          <>
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Button variant="subtle" size="xs" hiddenFrom="sm" onClick={() => setParams({})}>
                ← {t("inbox.back")}
              </Button>
              <Title order={2} size="h5" lineClamp={1}>
                {thread?.name ?? selected}
              </Title>
            </Group>
            <Conversation provider={provider} user={selected} />
            {can(caller, "replyInChat") && <ReplyBox send={send} />}
          </>
        ) : (
          <Text c="dimmed" size="sm" visibleFrom="sm">
            {t("inbox.pick")}
          </Text>
        )}
      </section>
      <aside className="inbox-friend" aria-label={t("inbox.profile")}>
        {selected && provider && <FriendPanel provider={provider} user={selected} />}
      </aside>
    </div>
  );
}
