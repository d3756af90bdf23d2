/**
 * Performance marks the speed bench (bench/ui) reads with `performance.getEntriesByName`.
 * `afterPaint` marks in the next animation frame, i.e. once the browser has painted the change.
 */
export const PERF = {
  firstRows: "tunelab:first-rows",
  sortStart: "tunelab:sort-start",
  sortPainted: "tunelab:sort-painted",
} as const;

const done = new Set<string>();

export function mark(name: string): void {
  performance.mark(name);
}

export function afterPaint(name: string, once = false): void {
  if (once) {
    if (done.has(name)) return;
    done.add(name);
  }
  requestAnimationFrame(() => setTimeout(() => performance.mark(name), 0));
}
