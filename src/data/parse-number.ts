const INFINITY = /^[ \t]*([+-]?)(?:inf|infinity)[ \t]*$/i;

/**
 * Parses a cell as pandas' C parser does for a float column: decimal notation with an optional
 * sign and exponent, surrounding spaces or tabs allowed, `inf` / `infinity` in any case. Anything
 * else (hex, `1_000`, `1d5`, a lone sign) is not a number and gives `undefined`.
 *
 * @example
 * ```ts
 * import { parseNumber } from "tunelab/data";
 * parseNumber(" 1.5e3"); // 1500
 * parseNumber("0x10");   // undefined
 * ```
 */
export function parseNumber(cell: string): number | undefined {
  const n = cell.length;
  // Fast path: plain digits are by far the most common cell; fewer than 16 digits are exact.
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
  return isDecimal(cell, n) ? Number(cell) : parseInfinity(cell);
}

/** `[ \t]*[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?[ \t]*`, scanned without a regex. */
function isDecimal(s: string, n: number): boolean {
  let i = 0;
  while (i < n && isBlank(s.charCodeAt(i))) i++;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) c = s.charCodeAt(++i); // + -
  let digits = 0;
  while (i < n && isDigit(c)) {
    digits++;
    c = s.charCodeAt(++i);
  }
  if (c === 46) {
    // .
    c = s.charCodeAt(++i);
    while (i < n && isDigit(c)) {
      digits++;
      c = s.charCodeAt(++i);
    }
  }
  if (digits === 0) return false;
  if (c === 101 || c === 69) {
    // e E
    c = s.charCodeAt(++i);
    if (c === 43 || c === 45) c = s.charCodeAt(++i);
    let exp = 0;
    while (i < n && isDigit(c)) {
      exp++;
      c = s.charCodeAt(++i);
    }
    if (exp === 0) return false;
  }
  while (i < n && isBlank(s.charCodeAt(i))) i++;
  return i === n;
}

function parseInfinity(s: string): number | undefined {
  const m = INFINITY.exec(s);
  if (!m) return undefined;
  return m[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
