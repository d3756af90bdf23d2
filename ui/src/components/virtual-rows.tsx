import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";

/**
 * Virtualised table rows: only the rows in view (and `overscan` around them) are rendered, and
 * two padding rows stand in for the others so the scrollbar keeps the full height. Put
 * `scrollRef` on the scrolling element and render {@link PadRow}s of `padTop` and `padBottom`
 * around `items`.
 */
export function useVirtualRows({
  count,
  rowHeight,
  overscan,
}: {
  count: number;
  /** Estimated height (px) of a row not rendered yet. */
  rowHeight: number;
  overscan: number;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return { scrollRef, virtualizer, items, padTop, padBottom };
}

/** A row as tall as the rows it stands in for (nothing when `height` is 0). */
export function PadRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="pad">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
