/**
 * JSON text exactly as Python's `json.dumps` writes it with default options
 * (`", "` and `": "` separators, `ensure_ascii`, floats in `repr` form).
 * Optuna stores distributions and attributes in that form, and the SQL storage must produce
 * byte-identical values to share databases with Python Optuna.
 */

/** A number that Python must see as a float (`1.0`, not `1`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python's `repr(float)`: shortest round-trip digits, `1.0` for integral values, `1e-05` style exponents. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    // JS prints fixed-point from 1e-7 to 1e21, which covers Python's fixed range.
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  const sign = exp < 0 ? "-" : "+";
  const digits = String(Math.abs(exp)).padStart(2, "0");
  return `${mantissa}e${sign}${digits}`;
}

/** `json.dumps(value)`: integral JS numbers print as Python ints unless wrapped in {@link PyFloat}. */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pyFloatRepr(value);
    case "string":
      return pyJsonString(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(", ")}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      return `{${entries.map(([k, v]) => `${pyJsonString(k)}: ${pyJsonDumps(v)}`).join(", ")}}`;
    }
    default:
      throw new TypeError(`cannot serialise a ${typeof value} as JSON`);
  }
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Parses JSON that Python wrote, accepting its `NaN`, `Infinity` and `-Infinity` literals. */
export function pyJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Replace the bare literals outside strings, then parse again.
    const fixed = text.replace(/("(?:[^"\\]|\\.)*")|-?Infinity|NaN/g, (m, str: string | undefined) =>
      str !== undefined ? str : m === "NaN" ? '"__NaN__"' : m.startsWith("-") ? '"__-Inf__"' : '"__Inf__"',
    );
    return JSON.parse(fixed, (_k, v) =>
      v === "__NaN__" ? Number.NaN : v === "__Inf__" ? Infinity : v === "__-Inf__" ? -Infinity : v,
    );
  }
}
