const DECIMAL = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;
const INFINITY = /^[ \t]*([+-]?)(?:inf|infinity)[ \t]*$/i;

/**
 * Parses a cell as pandas' C parser does for a float column: decimal notation with an optional
 * sign and exponent, surrounding spaces or tabs allowed, `inf` / `infinity` in any case. Anything
 * else (hex, `1_000`, `1d5`, a lone sign) is not a number and gives `undefined`.
 */
export function parseNumber(cell: string): number | undefined {
  // Fast path: plain digits are by far the most common cell; fewer than 16 digits are exact.
  const n = cell.length;
  if (n > 0 && n < 16) {
    let v = 0;
    let i = 0;
    for (; i < n; i++) {
      const d = cell.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  }
  if (DECIMAL.test(cell)) return Number(cell);
  const inf = INFINITY.exec(cell);
  if (inf) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}
