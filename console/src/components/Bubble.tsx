// LINE-like chat bubbles (shared UI, no API calls). The inbox puts the customer on
// the left and the store on the right with who answered (a staff member, a rule, an
// intent, ...); the composer's preview shows the store on the left, as customers see it.
import type { ReactNode } from "react";
import "./bubble.css";

export interface BubbleProps {
  side: "left" | "right";
  who?: string;
  at?: string;
  children: ReactNode;
}

export function Bubble({ side, who, at, children }: BubbleProps) {
  return (
    <div className={`bubble-row bubble-${side}`}>
      {who && <div className="bubble-who">{who}</div>}
      <div className="bubble-line">
        <div className="bubble">{children}</div>
        {at && <time className="bubble-time">{at}</time>}
      </div>
    </div>
  );
}

/** The body of one LINE message object: text, sticker, image, Flex (summarised). */
export function MessageBody({ message, fallbackText }: { message: unknown; fallbackText?: string }) {
  const m = (message ?? {}) as Record<string, unknown>;
  switch (m.type) {
    case "text":
      return <span className="bubble-text">{String(m.text ?? "")}</span>;
    case "sticker":
      return (
        <span className="bubble-sticker" role="img" aria-label={`sticker ${String(m.packageId)}/${String(m.stickerId)}`}>
          <span className="bubble-sticker-face" aria-hidden="true">ʕ•ᴥ•ʔ</span>
          <small>{`${String(m.packageId)}/${String(m.stickerId)}`}</small>
        </span>
      );
    case "image": {
      const src = String(m.previewImageUrl ?? m.originalContentUrl ?? "");
      return src ? <img className="bubble-image" src={src} alt="" loading="lazy" /> : <span>[image]</span>;
    }
    case "flex":
      return <span className="bubble-text">[Flex] {String(m.altText ?? "")}</span>;
    default:
      return <span className="bubble-text">{fallbackText ?? `[${String(m.type ?? "message")}]`}</span>;
  }
}
