import { useCallback, useState } from "react";

/** A set of selected run ids that survives data refreshes (it is keyed by id, not by row index). */
export function useSelection(): [ReadonlySet<string>, (ids: string[], on: boolean) => void, () => void] {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const change = useCallback((ids: string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return [selected, change, clear];
}
