import { readFileSync } from "node:fs";
import { DataArgumentError } from "./errors.js";
import { type FromRecordsOptions, fromRecords } from "./from-records.js";
import type { Table } from "./table.js";

/**
 * Reads a JSON array of objects (pandas' `read_json(orient="records")`) into a {@link Table},
 * with {@link fromRecords}' rules. `source` is a file path, or the JSON text itself when it
 * starts with `[` or `{` (after spaces).
 *
 * @throws {@link DataArgumentError} when the JSON is invalid or not an array of objects, or the
 *   file does not exist.
 *
 * @example
 * ```ts
 * import { readJson } from "tunelab/data";
 * readJson('[{"Title": "Avatar", "Rating": 8.1}, {"Title": "Up", "Rating": null}]').shape; // [2, 2]
 * ```
 */
export function readJson(source: string, options: FromRecordsOptions = {}): Table {
  if (typeof source !== "string")
    throw new DataArgumentError(`readJson(): source must be a path or JSON text, got ${typeof source}`);
  let text = source;
  if (!/^\s*[[{]/.test(source)) {
    try {
      text = readFileSync(source, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT")
        throw new DataArgumentError(`readJson(): no such file "${source}"`, { cause: err });
      throw err;
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DataArgumentError(`readJson(): invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(parsed))
    throw new DataArgumentError(
      `readJson(): expected an array of objects (records), got ${parsed === null ? "null" : typeof parsed}`,
    );
  return fromRecords(parsed as Record<string, unknown>[], options);
}
