/** Median of a list of numbers. */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** A number with 4 significant digits for tables. */
export function fmt(x: number): string {
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString();
}

/** Linear-interpolated quantile (q in [0, 1]), as numpy's default. */
export function quantile(xs: readonly number[], q: number): number {
  const a = [...xs].sort((p, r) => p - r);
  const pos = (a.length - 1) * q;
  const lo = Math.floor(pos);
  return a[lo] + (a[Math.ceil(pos)] - a[lo]) * (pos - lo);
}
