import { type Distribution, type JsonValue, type ParamValue, pyFloatRepr } from "../tune/index.js";

/**
 * Python's `repr()` of a string: single quotes unless the text holds a single quote and no double
 * quote, as CPython chooses.
 */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return quote + out + quote;
}

/** Python's `repr()` of a JSON-like value (numbers that are integers print as ints). */
function pyRepr(v: JsonValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(", ")}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x)}`)
    .join(", ")}}`;
}

/** Python's `str()` of a JSON-like value: a string as is, anything else as its repr. */
export function pyStr(v: JsonValue): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/** `str()` of a parameter's external value as Python Optuna would log it (floats keep `.0`). */
export function pyParamStr(value: ParamValue, distribution: Distribution | undefined): string {
  if (typeof value === "number" && distribution?.kind === "float") return pyFloatRepr(value);
  return pyStr(value as JsonValue);
}

/**
 * `str()` of an Optuna distribution, e.g. `FloatDistribution(high=10.0, log=False, low=-10.0, step=None)`
 * (attributes in alphabetical order, as Optuna's `__repr__`).
 */
export function pyDistributionStr(d: Distribution): string {
  const b = (x: boolean) => (x ? "True" : "False");
  switch (d.kind) {
    case "float":
      return `FloatDistribution(high=${pyFloatRepr(d.high)}, log=${b(d.log)}, low=${pyFloatRepr(d.low)}, step=${
        d.step === null ? "None" : pyFloatRepr(d.step)
      })`;
    case "int":
      return `IntDistribution(high=${d.high}, log=${b(d.log)}, low=${d.low}, step=${d.step})`;
    case "categorical": {
      const items = d.choices.map((c) => pyRepr(c as JsonValue));
      return `CategoricalDistribution(choices=(${items.join(", ")}${items.length === 1 ? "," : ""}))`;
    }
  }
}

/** Python's `str(datetime)` in local time: `2026-11-27 00:10:01.123000` (no fraction at .000). */
export function pyDatetimeStr(d: Date | null): string {
  if (d === null) return "None";
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const base = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(
    d.getMinutes(),
  )}:${p(d.getSeconds())}`;
  const ms = d.getMilliseconds();
  return ms === 0 ? base : `${base}.${p(ms, 3)}000`;
}
