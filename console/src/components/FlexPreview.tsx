// A small renderer of LINE Flex Message JSON (bubble / carousel of boxes, texts,
// images, buttons and separators) for the composer's preview. Not LINE's exact
// rendering; enough to see the layout before sending.
import type { CSSProperties, ReactNode } from "react";

type Node = Record<string, unknown>;

const SIZES: Record<string, string> = { xxs: "0.6rem", xs: "0.7rem", sm: "0.8rem", md: "0.9rem", lg: "1.05rem", xl: "1.2rem", xxl: "1.4rem" };

function render(node: unknown, key: number): ReactNode {
  const n = (node ?? {}) as Node;
  switch (n.type) {
    case "box": {
      const vertical = n.layout !== "horizontal" && n.layout !== "baseline";
      const style: CSSProperties = {
        display: "flex",
        flexDirection: vertical ? "column" : "row",
        gap: n.spacing ? "0.4rem" : undefined,
        padding: typeof n.paddingAll === "string" && n.paddingAll.endsWith("px") ? n.paddingAll : undefined,
        backgroundColor: typeof n.backgroundColor === "string" ? n.backgroundColor : undefined,
      };
      return (
        <div key={key} style={style}>
          {((n.contents as unknown[]) ?? []).map(render)}
        </div>
      );
    }
    case "text":
      return (
        <div
          key={key}
          style={{
            fontSize: SIZES[String(n.size)] ?? "0.9rem",
            fontWeight: n.weight === "bold" ? 700 : 400,
            color: typeof n.color === "string" ? n.color : undefined,
            whiteSpace: n.wrap ? "pre-wrap" : "nowrap",
            overflow: "hidden",
            textOverflow: "ellipsis",
            flex: typeof n.flex === "number" ? n.flex : undefined,
          }}
        >
          {String(n.text ?? "")}
        </div>
      );
    case "image":
      return <img key={key} src={String(n.url ?? "")} alt="" style={{ width: "100%", background: "#dfe5ea", minHeight: 60 }} />;
    case "button": {
      const action = (n.action ?? {}) as Node;
      return (
        <div key={key} className="flex-button" data-style={String(n.style ?? "link")}>
          {String(action.label ?? "")}
        </div>
      );
    }
    case "separator":
      return <hr key={key} style={{ border: 0, borderTop: "1px solid #ddd", width: "100%", margin: "0.3rem 0" }} />;
    case "spacer":
      return <div key={key} style={{ height: "0.5rem" }} />;
    default:
      return null;
  }
}

function Bubble({ bubble }: { bubble: Node }) {
  return (
    <div className="flex-bubble">
      {["header", "hero", "body", "footer"].map((part, i) => (bubble[part] ? <div key={part} className={`flex-${part}`}>{render(bubble[part], i)}</div> : null))}
    </div>
  );
}

export function FlexPreview({ contents }: { contents: unknown }) {
  const c = (contents ?? {}) as Node;
  if (c.type === "carousel")
    return (
      <div className="flex-carousel">
        {((c.contents as Node[]) ?? []).map((b, i) => (
          <Bubble key={i} bubble={b} />
        ))}
      </div>
    );
  if (c.type === "bubble") return <Bubble bubble={c} />;
  return null;
}
