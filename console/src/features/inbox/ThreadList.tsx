import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SenderKind, Staff } from "../../api/models";
import { senderName } from "../../components/who";
import { handoffActive, threadKey, type ThreadView } from "./threads";

interface Props {
  threads: ThreadView[];
  selected: string | null;
  onSelect: (key: string) => void;
  staff: Staff[];
  /** Set while there are more pages: called when the end of the list scrolls into view. */
  loadMore?: () => void;
}

/** Rows rendered at first, and added each time the end of the list scrolls into view. */
const STEP = 60;

/** Plain elements, no component-library rows: a 1,000-thread list must render in under
 *  100 ms (measured by the e2e test through the User Timing entries below). */
export function ThreadList({ threads, selected, onSelect, staff, loadMore }: Props) {
  const { t, i18n } = useTranslation();
  const started = performance.now();
  const [shown, setShown] = useState(STEP);
  const end = useRef<HTMLLIElement>(null);
  const more = shown < threads.length;
  useLayoutEffect(() => {
    performance.measure("otodoke:thread-list", { start: started, detail: threads.length });
  });
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel) return;
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      if (more) setShown((n) => n + STEP);
      else loadMore?.();
    });
    seen.observe(sentinel);
    return () => seen.disconnect();
  }, [loadMore, more, threads.length]);
  const time = new Intl.DateTimeFormat(i18n.language, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" });
  const name = (id: string | null | undefined) => {
    const s = staff.find((m) => m.id === id);
    return s?.sender_name || s?.display_name || id || "";
  };
  const now = Date.now();
  if (threads.length === 0) return <p className="thread-empty">{t("inbox.empty")}</p>;
  return (
    <ul className="thread-list" aria-label={t("inbox.threads")}>
      {threads.slice(0, shown).map((th) => {
        const key = threadKey(th);
        const who = th.customer.display_name || th.customer.user_id;
        const sender = th.last?.sender as SenderKind | undefined;
        return (
          <li key={key}>
            <button
              type="button"
              className="thread"
              aria-current={key === selected ? "true" : undefined}
              onClick={() => onSelect(key)}
              data-testid="thread"
              data-status={th.status}
            >
              <span className="thread-top">
                <span className="thread-name">{who}</span>
                <time className="thread-time">{time.format(new Date(th.activity_at))}</time>
              </span>
              <span className="thread-bottom">
                <span className="thread-last">
                  {sender && sender.kind !== "customer" && <span className="thread-who">{senderName(t, sender, staff)}: </span>}
                  {th.last?.text ?? ""}
                </span>
                {th.unread > 0 && (
                  <span className="thread-unread" aria-label={t("inbox.unread", { count: th.unread })}>
                    {th.unread}
                  </span>
                )}
              </span>
              <span className="thread-meta">
                <span className={`thread-status thread-status-${th.status}`}>{t(`inbox.status.${th.status}`)}</span>
                {th.awaiting_staff && <span className="thread-flag">{t("inbox.awaiting")}</span>}
                {handoffActive(th, now) && (
                  <span className="thread-handoff">
                    {t("inbox.handoffShort", { name: th.handoff?.by ? name(th.handoff.by) : t("inbox.nobody"), at: clock.format(new Date(th.handoff!.until)) })}
                  </span>
                )}
                {th.assignee && <span className="thread-assignee">{t("inbox.assignedTo", { name: name(th.assignee) })}</span>}
                {th.customer.tags.slice(0, 3).map((tag) => (
                  <span key={tag} className="thread-tag">
                    {tag}
                  </span>
                ))}
              </span>
            </button>
          </li>
        );
      })}
      {(more || loadMore) && <li ref={end} className="thread-more" aria-hidden="true" />}
    </ul>
  );
}
