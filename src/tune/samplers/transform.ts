import type { FloatDistribution, IntDistribution } from "../distributions.js";

/**
 * The continuous encoding samplers share for numeric parameters: log scale for `log`
 * distributions, and bounds widened by half a step for discrete ones so that every grid
 * point owns an equal interval. Samplers work in this space and decode once.
 */
export interface NumericEncoding {
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  /** Grid step of the decoded value, or null when continuous. */
  readonly step: number | null;
}

/** The encoding of a numeric distribution. */
export function encoding(d: FloatDistribution | IntDistribution): NumericEncoding {
  const step = d.kind === "int" ? d.step : d.step;
  const half = step === null ? 0 : step / 2;
  const low = d.low - half;
  const high = d.high + half;
  return d.log
    ? { low: Math.log(low), high: Math.log(high), log: true, step }
    : { low, high, log: false, step };
}

/** Encodes an internal value. */
export function encode(enc: NumericEncoding, value: number): number {
  return enc.log ? Math.log(value) : value;
}

/** Decodes a point of the encoded space to the nearest valid internal value of `d`. */
export function decode(d: FloatDistribution | IntDistribution, x: number): number {
  let v = d.log ? Math.exp(x) : x;
  if (Number.isNaN(v)) v = d.low;
  const step = d.kind === "int" ? d.step : d.step;
  if (step !== null) v = d.low + Math.round((v - d.low) / step) * step;
  if (d.kind === "int") v = Math.round(v);
  return Math.min(d.high, Math.max(d.low, v));
}
