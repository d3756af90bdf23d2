import type { JsonValue } from "../../frozen-trial.js";
import { pyJsonDumps, pyJsonParse } from "../../py-json.js";

/** Naive UTC with microseconds, as SQLAlchemy writes `datetime.utcnow()`-style values: `2024-01-31 12:00:00.123000`. */
export function formatDatetime(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** Reads a naive UTC timestamp (text from SQLite or PostgreSQL, with or without fraction or `T`). */
export function parseDatetime(text: string | null | undefined): Date | null {
  if (text === null || text === undefined) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(String(text));
  if (!m) return new Date(String(text));
  const ms = m[3] ? m[3].slice(1, 4).padEnd(3, "0") : "000";
  return new Date(`${m[1]}T${m[2]}.${ms}Z`);
}

/** A trial value as Optuna stores it: finite in `value`, infinities as a NULL value and a type. */
export function encodeValue(v: number): { value: number | null; type: "FINITE" | "INF_POS" | "INF_NEG" } {
  if (v === Infinity) return { value: null, type: "INF_POS" };
  if (v === -Infinity) return { value: null, type: "INF_NEG" };
  return { value: Number.isNaN(v) ? null : v, type: "FINITE" };
}

/** An intermediate value: like {@link encodeValue}, and NaN as NULL with type NAN. */
export function encodeIntermediate(v: number): {
  value: number | null;
  type: "FINITE" | "INF_POS" | "INF_NEG" | "NAN";
} {
  if (Number.isNaN(v)) return { value: null, type: "NAN" };
  return encodeValue(v);
}

/** Inverse of {@link encodeValue} / {@link encodeIntermediate}. */
export function decodeValue(value: number | null, type: string): number {
  switch (type) {
    case "INF_POS":
      return Infinity;
    case "INF_NEG":
      return -Infinity;
    case "NAN":
      return NaN;
    default:
      return value === null ? NaN : Number(value);
  }
}

/** Attribute values are Python `json.dumps` text, byte-identical to what Optuna writes. */
export function encodeJson(v: JsonValue): string {
  return pyJsonDumps(v);
}

export function decodeJson(text: string | null): JsonValue {
  return text === null ? null : (pyJsonParse(text) as JsonValue);
}
