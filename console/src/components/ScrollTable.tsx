import type { ReactNode } from "react";

/** A wide table that scrolls sideways on a phone; focusable, so the keyboard can
 *  scroll it too (axe: scrollable-region-focusable). */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
