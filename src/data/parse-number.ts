const DECIMAL = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;
const INFINITY = /^[ \t]*([+-]?)(?:inf|infinity)[ \t]*$/i;

/**
 * Parses a cell as pandas' C parser does for a float column: decimal notation with an optional
 * sign and exponent, surrounding spaces or tabs allowed, `inf` / `infinity` in any case. Anything
 * else (hex, `1_000`, `1d5`, a lone sign) is not a number and gives `undefined`.
 */
export function parseNumber(cell: string): number | undefined {
  // Fast path: plain digits are by far the most common cell.
  const n = cell.length;
  if (n > 0 && n < 16) {
    let plain = true;
    for (let i = 0; i < n; i++) {
      const c = cell.charCodeAt(i);
      if (c < 48 || c > 57) {
        plain = false;
        break;
      }
    }
    if (plain) return Number(cell);
  }
  if (DECIMAL.test(cell)) return Number(cell);
  const inf = INFINITY.exec(cell);
  if (inf) return inf[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return undefined;
}
