/**
 * Features histogrammed together. Adding a row to a histogram costs about the same for any
 * feature, and many features take few joint values: the four target statistics of one
 * categorical column (three priors over the same counts, and the column's frequency) show about a
 * hundred of their 16^4 bin combinations. A group's histogram has one cell per combination seen in
 * the learn rows, so a row costs one addition per group instead of one per feature. Each
 * feature's own histogram is then the sum of the group's cells over the other members (a fixed
 * cost per leaf, which pays off once leaves hold many more rows than cells).
 */

/** Features grouped by the combinations of their bins seen in the learn rows. */
export interface FeatureGroups {
  /** Number of groups. */
  readonly count: number;
  /** Members of group g: `members[memberOff[g] .. memberOff[g + 1])`, ascending. */
  readonly memberOff: Int32Array;
  readonly members: Int32Array;
  /** First cell of each group (length count + 1). */
  readonly cellOff: Int32Array;
  /**
   * Bins of each cell's members: cell c of group g (c counted from the group's first cell) has
   * member t's bin at `cellBins[binOff[g] + c * size + t]` (size = the group's member count).
   */
  readonly binOff: Int32Array;
  readonly cellBins: Uint16Array;
}

/**
 * Groups features in index order: each joins the group before it while the group's distinct bin
 * combinations over the `m` learn rows stay at most `maxCells` (then codes fit a byte when
 * `maxCells` <= 256); otherwise it starts a group. `bins[f]` holds feature f's learn bins.
 * Returns the groups and each learn row's cell in each group (counted from the group's first
 * cell), one column per group.
 */
export function groupFeatures(
  bins: readonly ArrayLike<number>[],
  nBins: ArrayLike<number>,
  m: number,
  maxCells: number,
): { groups: FeatureGroups; codes: (Uint8Array | Uint16Array)[] } {
  const memberOff = [0];
  const members: number[] = [];
  const cellOff = [0];
  const binOff = [0];
  const cellBins: number[] = [];
  const codes: (Uint8Array | Uint16Array)[] = [];
  const wide = (n: number) => (n <= 256 ? new Uint8Array(m) : new Uint16Array(m));
  // the open group: its members, each row's cell, each cell's member bins
  let cur: number[] = [];
  let code: Uint8Array | Uint16Array = new Uint8Array(0);
  let table: number[][] = [];
  let stamp = new Int32Array(0);
  // the buffer the next attempt numbers into (a failed attempt leaves it for the next one)
  let spare: Uint8Array | Uint16Array = wide(maxCells);
  const close = () => {
    if (cur.length === 0) return;
    members.push(...cur);
    memberOff.push(members.length);
    cellOff.push(cellOff[cellOff.length - 1] + table.length);
    for (const t of table) cellBins.push(...t);
    binOff.push(cellBins.length);
    codes.push(code);
  };
  for (let f = 0; f < bins.length; f++) {
    const b = bins[f];
    const nb = nBins[f];
    // (the key space is bounded so that numbering costs at most 256 KiB)
    if (cur.length > 0 && table.length * nb <= 65536) {
      // number the combinations (cell, bin) in order of first appearance; give up past maxCells
      if (stamp.length < table.length * nb) stamp = new Int32Array(table.length * nb);
      stamp.fill(-1, 0, table.length * nb);
      const next = spare;
      const n = numberCells(code, b, nb, m, maxCells, stamp, next);
      if (n >= 0) {
        const t2: number[][] = new Array(n);
        for (let key = 0; key < table.length * nb; key++)
          if (stamp[key] >= 0) t2[stamp[key]] = [...table[Math.floor(key / nb)], key % nb];
        cur.push(f);
        // the old cells are not needed any more (a group's first column is a copy)
        spare =
          code.length === m && code.BYTES_PER_ELEMENT === next.BYTES_PER_ELEMENT ? code : wide(maxCells);
        code = next;
        table = t2;
        continue;
      }
    }
    close();
    cur = [f];
    code = wide(nb);
    code.set(b);
    table = Array.from({ length: nb }, (_, v) => [v]);
  }
  close();
  const groups = {
    count: codes.length,
    memberOff: Int32Array.from(memberOff),
    members: Int32Array.from(members),
    cellOff: Int32Array.from(cellOff),
    binOff: Int32Array.from(binOff),
    cellBins: Uint16Array.from(cellBins),
  };
  return { groups, codes };
}

/**
 * Numbers the combinations (cell, bin) of each row in order of first appearance into `next`
 * (`stamp`, all -1, maps a combination to its number); -1 once there would be more than
 * `maxCells`. A function of its own so it is compiled after a few calls (not on stack, inside
 * groupFeatures, where the code after the loop has no type feedback yet).
 */
function numberCells(
  code: ArrayLike<number>,
  b: ArrayLike<number>,
  nb: number,
  m: number,
  maxCells: number,
  stamp: Int32Array,
  next: Uint8Array | Uint16Array,
): number {
  let n = 0;
  for (let i = 0; i < m; i++) {
    const key = code[i] * nb + b[i];
    if (stamp[key] < 0) {
      if (n === maxCells) return -1;
      stamp[key] = n++;
    }
    next[i] = stamp[key];
  }
  return n;
}

/**
 * Per-feature histograms of one leaf slot from its group ones: `hist` (the slot's region, zero)
 * gets, at feature f's bins `offsets[f]..`, the sums of `cells` (the slot's group region) over the
 * other members of f's group. Both hold `2 * dims` values per bin (gradient, hessian per dimension).
 */
export function marginalize(
  groups: FeatureGroups,
  offsets: Int32Array,
  dims: number,
  cells: Float64Array,
  cellBase: number,
  hist: Float64Array,
  histBase: number,
): void {
  const stride = 2 * dims;
  const { memberOff, members, cellOff, binOff, cellBins } = groups;
  for (let g = 0; g < groups.count; g++) {
    const m0 = memberOff[g];
    const size = memberOff[g + 1] - m0;
    const nCells = cellOff[g + 1] - cellOff[g];
    const c0 = cellBase + cellOff[g] * stride;
    if (size === 1) {
      hist.set(cells.subarray(c0, c0 + nCells * stride), histBase + offsets[members[m0]] * stride);
      continue;
    }
    let bo = binOff[g];
    let c = c0;
    for (let cell = 0; cell < nCells; cell++, c += stride, bo += size) {
      // deep in a tree most cells are empty; adding zeros would change nothing
      if (stride === 2 && cells[c] === 0 && cells[c + 1] === 0) continue;
      for (let t = 0; t < size; t++) {
        const o = histBase + (offsets[members[m0 + t]] + cellBins[bo + t]) * stride;
        for (let k = 0; k < stride; k++) hist[o + k] += cells[c + k];
      }
    }
  }
}
