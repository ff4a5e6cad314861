import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { senderName } from "../../components/who";
import type { Thread } from "./threads";

interface Props {
  threads: Thread[];
  selected: string | null;
  onSelect: (userId: string) => void;
}

/** Rows rendered at first, and added each time the end of the list scrolls into view. */
const STEP = 60;

/** Plain elements, no component-library rows, and only the rows near the top until
 *  the list is scrolled: a 1,000-thread list must render in under 100 ms (measured by
 *  the e2e test through the User Timing entries below). */
export function ThreadList({ threads, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const started = performance.now();
  const [shown, setShown] = useState(STEP);
  const end = useRef<HTMLLIElement>(null);
  useLayoutEffect(() => {
    performance.measure("otodoke:thread-list", { start: started, detail: threads.length });
  });
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + STEP);
    });
    seen.observe(sentinel);
    return () => seen.disconnect();
  }, [shown < threads.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const time = new Intl.DateTimeFormat(i18n.language, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  if (threads.length === 0) return <p className="thread-empty">{t("inbox.empty")}</p>;
  return (
    <ul className="thread-list" aria-label={t("inbox.threads")}>
      {threads.slice(0, shown).map((th) => (
        <li key={th.userId}>
          <button
            type="button"
            className="thread"
            aria-current={th.userId === selected ? "true" : undefined}
            onClick={() => onSelect(th.userId)}
            data-testid="thread"
          >
            <span className="thread-top">
              <span className="thread-name">{th.name}</span>
              <time className="thread-time">{time.format(new Date(th.lastAt))}</time>
            </span>
            <span className="thread-bottom">
              <span className="thread-last">
                {th.lastSender.kind !== "customer" && <span className="thread-who">{senderName(t, th.lastSender)}: </span>}
                {th.lastText}
              </span>
              {th.unread > 0 && (
                <span className="thread-unread" aria-label={t("inbox.unread", { count: th.unread })}>
                  {th.unread}
                </span>
              )}
            </span>
          </button>
        </li>
      ))}
      {shown < threads.length && <li ref={end} className="thread-more" aria-hidden="true" />}
    </ul>
  );
}
