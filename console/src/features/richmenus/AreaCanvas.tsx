// The menu image with its areas: drag on empty space to draw an area, drag an area
// to move it, drag a selected area's corner to resize it; arrow keys move the
// selected area, Delete removes it. Pointer positions are scaled from the displayed
// image to the image's own pixels (geometry.ts).
import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Bounds, MenuSize } from "../../api/models";
import { MAX_AREAS, isArea, moveRect, percentStyle, rectFromDrag, resizeRect, scaleOf, toImage, type Handle, type Point } from "./geometry";

interface Drag {
  mode: "draw" | "move" | "resize";
  index: number;
  handle?: Handle;
  start: Point;
  orig?: Bounds;
}

const HANDLES: Handle[] = ["nw", "ne", "sw", "se"];

export function AreaCanvas({
  size, imageUrl, areas, selected, onSelect, onChange, onAdd, onRemove, editable,
}: {
  size: MenuSize;
  imageUrl: string | null;
  areas: Bounds[];
  selected: number | null;
  onSelect: (i: number | null) => void;
  onChange: (i: number, b: Bounds) => void;
  onAdd: (b: Bounds) => void;
  onRemove: (i: number) => void;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);
  const [drawing, setDrawing] = useState<Bounds | null>(null);

  const at = (e: ReactPointerEvent): Point => {
    const r = box.current!.getBoundingClientRect();
    return toImage({ x: e.clientX - r.left, y: e.clientY - r.top }, scaleOf(size.width, r.width), size);
  };

  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!editable || e.button !== 0) return;
    const target = e.target as HTMLElement;
    const areaEl = target.closest<HTMLElement>("[data-area]");
    const start = at(e);
    if (areaEl) {
      const index = Number(areaEl.dataset.area);
      const handle = target.dataset.handle as Handle | undefined;
      drag.current = { mode: handle ? "resize" : "move", index, handle, start, orig: areas[index] };
      onSelect(index);
    } else {
      if (areas.length >= MAX_AREAS) return;
      drag.current = { mode: "draw", index: -1, start };
      setDrawing(rectFromDrag(start, start, size));
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  const moveTo = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = at(e);
    if (d.mode === "draw") setDrawing(rectFromDrag(d.start, p, size));
    else if (d.mode === "move") onChange(d.index, moveRect(d.orig!, p.x - d.start.x, p.y - d.start.y, size));
    else onChange(d.index, resizeRect(d.orig!, d.handle!, p.x - d.start.x, p.y - d.start.y, size));
  };

  const up = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d?.mode === "draw") {
      const b = rectFromDrag(d.start, at(e), size);
      setDrawing(null);
      if (isArea(b)) onAdd(b);
      else onSelect(null);
    }
  };

  const key = (i: number) => (e: React.KeyboardEvent) => {
    if (!editable) return;
    const step = e.shiftKey ? 50 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const by = moves[e.key];
    const b = areas[i];
    if (by && b) {
      e.preventDefault();
      onChange(i, moveRect(b, by[0], by[1], size));
    } else if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      onRemove(i);
    }
  };

  return (
    <div
      ref={box}
      className={`area-canvas${editable ? " editable" : ""}`}
      style={{ aspectRatio: `${size.width} / ${size.height}` }}
      onPointerDown={down}
      onPointerMove={moveTo}
      onPointerUp={up}
      onPointerCancel={() => { drag.current = null; setDrawing(null); }}
      data-testid="area-canvas"
    >
      {imageUrl ? <img src={imageUrl} alt="" draggable={false} /> : <div className="area-canvas-empty">{t("menus.noImage")}</div>}
      {areas.map((b, i) => (
        <div
          key={i}
          data-area={i}
          role="button"
          tabIndex={0}
          aria-pressed={selected === i}
          aria-label={t("menus.areaN", { n: i + 1 })}
          className={`area${selected === i ? " selected" : ""}`}
          style={percentStyle(b, size)}
          onFocus={() => onSelect(i)}
          onKeyDown={key(i)}
        >
          <span className="area-number">{i + 1}</span>
          {editable && selected === i && HANDLES.map((h) => <span key={h} className={`handle ${h}`} data-handle={h} aria-hidden="true" />)}
        </div>
      ))}
      {drawing && <div className="area drawing" style={percentStyle(drawing, size)} />}
    </div>
  );
}
