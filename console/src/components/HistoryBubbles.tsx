import { useTranslation } from "react-i18next";
import type { ConversationEntry, Staff } from "../api/models";
import { Bubble, MessageBody } from "./Bubble";
import { senderName } from "./who";

/** A conversation as LINE-like bubbles: the customer left, the store right, with who
 *  answered above each of the store's bubbles. */
export function HistoryBubbles({ entries, staff, dateStyle }: { entries: ConversationEntry[]; staff?: Staff[]; dateStyle?: "time" | "full" }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(
    i18n.language,
    dateStyle === "full" ? { dateStyle: "short", timeStyle: "short" } : { hour: "2-digit", minute: "2-digit" },
  );
  return (
    <>
      {entries.map((e) => (
        <Bubble
          key={e.id}
          side={e.direction === "inbound" ? "left" : "right"}
          who={e.direction === "outbound" ? senderName(t, e.sender, staff) : undefined}
          at={format.format(new Date(e.at))}
        >
          <MessageBody message={e.payload} fallbackText={e.text} />
          {e.delivery?.kind === "failed" && (
            <span className="bubble-failed" role="note">
              {t("who.failed", { reason: e.delivery.reason })}
            </span>
          )}
        </Bubble>
      ))}
    </>
  );
}
