/**
 * Hypervolume dominated by a set of points (minimisation) and bounded by a reference point:
 * the Lebesgue measure of ⋃ [p, ref]. Points not strictly better than `ref` in every objective
 * contribute nothing. Two objectives: an exact O(n log n) sweep. More: the WFG algorithm
 * (While, Bradstreet & Barone, "A fast way of calculating exact hypervolumes", IEEE TEC 2012):
 * the sum of each point's exclusive contribution, computed recursively on "limited" sets.
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const m = reference.length;
  const inside = points.filter((p) => {
    if (p.length !== m)
      throw new RangeError(`hypervolume: a point has ${p.length} values, the reference ${m}`);
    return p.every((v, i) => v < reference[i]);
  });
  if (inside.length === 0) return 0;
  if (m === 1) return reference[0] - Math.min(...inside.map((p) => p[0]));
  return wfg(nonDominated(inside), reference);
}

function hv2(points: readonly (readonly number[])[], ref: readonly number[]): number {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let area = 0;
  let lastY = ref[1];
  for (const p of sorted) {
    if (p[1] < lastY) {
      area += (ref[0] - p[0]) * (lastY - p[1]);
      lastY = p[1];
    }
  }
  return area;
}

function wfg(points: readonly (readonly number[])[], ref: readonly number[]): number {
  if (points.length === 0) return 0;
  if (ref.length === 2) return hv2(points, ref);
  if (points.length === 1) return inclusive(points[0], ref);
  // Sorting by the last objective makes the limited sets small.
  const sorted = [...points].sort((a, b) => b[b.length - 1] - a[a.length - 1]);
  let total = 0;
  for (let k = 0; k < sorted.length; k++) {
    const p = sorted[k];
    const limited: number[][] = [];
    for (let j = k + 1; j < sorted.length; j++) limited.push(sorted[j].map((v, i) => Math.max(v, p[i])));
    total += inclusive(p, ref) - wfg(nonDominated(limited), ref);
  }
  return total;
}

function inclusive(p: readonly number[], ref: readonly number[]): number {
  let v = 1;
  for (let i = 0; i < ref.length; i++) v *= ref[i] - p[i];
  return v;
}

/** The points no other point weakly dominates (duplicates kept once). */
function nonDominated(points: readonly (readonly number[])[]): (readonly number[])[] {
  const out: (readonly number[])[] = [];
  for (let a = 0; a < points.length; a++) {
    let dominated = false;
    for (let b = 0; b < points.length && !dominated; b++) {
      if (a === b) continue;
      let noWorse = true;
      let better = false;
      for (let i = 0; i < points[a].length; i++) {
        if (points[b][i] > points[a][i]) noWorse = false;
        else if (points[b][i] < points[a][i]) better = true;
      }
      dominated = noWorse && (better || b < a);
    }
    if (!dominated) out.push(points[a]);
  }
  return out;
}
