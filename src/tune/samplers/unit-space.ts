import type { Distribution, ParamValue } from "../distributions.js";
import type { FrozenTrial } from "../frozen-trial.js";
import { decode, encode, encoding, type NumericEncoding } from "./transform.js";

/**
 * A search space mapped to the unit cube through the shared numeric encoding
 * ({@link encoding}: log scale, bounds widened by half a step): numeric coordinate i is
 * (encoded − low) / (high − low) ∈ [0, 1]. A categorical coordinate holds the choice index
 * (0..k−1). Samplers that work on vectors (CMA-ES, QMC, GP, NSGA-II) use this and never look at
 * distribution kinds themselves.
 */
export class UnitSpace {
  readonly names: readonly string[];
  readonly dists: readonly Distribution[];
  readonly dim: number;
  /** Number of choices of categorical coordinate i, 0 for numeric ones. */
  readonly choices: Int32Array;
  private readonly enc: (NumericEncoding | null)[];

  constructor(space: Readonly<Record<string, Distribution>>) {
    this.names = Object.keys(space).sort();
    this.dists = this.names.map((n) => space[n]);
    this.dim = this.names.length;
    this.choices = Int32Array.from(this.dists, (d) => (d.kind === "categorical" ? d.choices.length : 0));
    this.enc = this.dists.map((d) => (d.kind === "categorical" ? null : encoding(d)));
  }

  /** True when coordinate i is categorical. */
  isCategorical(i: number): boolean {
    return this.choices[i] > 0;
  }

  /** True when coordinate i is numeric on a grid (int or stepped float). */
  isDiscrete(i: number): boolean {
    return this.enc[i]?.step != null;
  }

  /** The point of a trial, or null when it lacks a parameter or one lies outside its distribution. */
  toUnit(trial: FrozenTrial): Float64Array | null {
    const u = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) {
      const v = trial.params[this.names[i]];
      const d = this.dists[i];
      const td = trial.distributions[this.names[i]];
      if (v === undefined || td === undefined || td.kind !== d.kind) return null;
      if (d.kind === "categorical") {
        const k = d.choices.findIndex((c) => Object.is(c, v) || c === v);
        if (k < 0) return null;
        u[i] = k;
      } else {
        const x = d.toInternal(v);
        if (!(x >= d.low && x <= d.high)) return null;
        u[i] = this.numericToUnit(i, x);
      }
    }
    return u;
  }

  /** Unit value of an external parameter value of coordinate i (categoricals: the choice index). */
  toUnitValue(i: number, value: ParamValue): number {
    const d = this.dists[i];
    if (d.kind === "categorical") return d.toInternal(value);
    return this.numericToUnit(i, Math.min(d.high, Math.max(d.low, d.toInternal(value))));
  }

  /** Parameters (external values) of a unit point; numeric coordinates are clipped to [0, 1]. */
  fromUnit(u: ArrayLike<number>): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    for (let i = 0; i < this.dim; i++) out[this.names[i]] = this.valueAt(i, u[i]);
    return out;
  }

  /** External value of coordinate i at unit value x (categoricals: x is the index). */
  valueAt(i: number, x: number): ParamValue {
    const d = this.dists[i];
    if (d.kind === "categorical")
      return d.choices[Math.min(d.choices.length - 1, Math.max(0, Math.round(x)))];
    return d.toExternal(this.internalAt(i, x));
  }

  /**
   * Maps uniform u ∈ [0, 1)^d to parameters, each coordinate uniform over its distribution
   * (categoricals: ⌊u·k⌋). For QMC and random starts.
   */
  fromUniform(u: ArrayLike<number>): Record<string, ParamValue> {
    const out: Record<string, ParamValue> = {};
    for (let i = 0; i < this.dim; i++) {
      const k = this.choices[i];
      out[this.names[i]] =
        k > 0 ? this.valueAt(i, Math.min(k - 1, Math.floor(u[i] * k))) : this.valueAt(i, u[i]);
    }
    return out;
  }

  /** Snaps numeric coordinate i to the unit value of the nearest representable parameter. */
  snap(i: number, x: number): number {
    if (this.choices[i] > 0) return Math.min(this.choices[i] - 1, Math.max(0, Math.round(x)));
    return this.numericToUnit(i, this.internalAt(i, x));
  }

  /**
   * The unit interval of the grid cell that contains x for a discrete coordinate (the values
   * that decode to the same parameter), or null for continuous and categorical coordinates.
   */
  cell(i: number, x: number): [number, number] | null {
    const e = this.enc[i];
    if (e === null || e.step === null) return null;
    const v = this.internalAt(i, x);
    const lo = Math.max(0, this.encodedToUnit(i, encode(e, v - e.step / 2)));
    const hi = Math.min(1, this.encodedToUnit(i, encode(e, v + e.step / 2)));
    return [lo, hi];
  }

  private internalAt(i: number, x: number): number {
    const e = this.enc[i]!;
    const d = this.dists[i] as Exclude<Distribution, { kind: "categorical" }>;
    const clipped = Math.min(1, Math.max(0, x));
    return decode(d, e.low + clipped * (e.high - e.low));
  }

  private numericToUnit(i: number, internal: number): number {
    return this.encodedToUnit(i, encode(this.enc[i]!, internal));
  }

  private encodedToUnit(i: number, encoded: number): number {
    const e = this.enc[i]!;
    return e.high > e.low ? (encoded - e.low) / (e.high - e.low) : 0.5;
  }
}

/** A short stable signature of a search space (FNV-1a of names and distributions), for state keys. */
export function spaceSignature(space: UnitSpace): string {
  const text = JSON.stringify(
    space.names.map((n, i) => {
      const d = space.dists[i];
      return d.kind === "categorical" ? [n, d.kind, d.choices] : [n, d.kind, d.low, d.high, d.log, d.step];
    }),
  );
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
