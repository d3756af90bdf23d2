import { DataArgumentError } from "./errors.js";
import type { Table } from "./table.js";

/** Options of {@link toCsv}. */
export interface ToCsvOptions {
  /** Field separator. Default `","`. */
  delimiter?: string;
}

/**
 * Writes a table as CSV text with a header row, as pandas' `to_csv(index=False)`: missing values
 * are empty fields, numbers use JavaScript's shortest round-trip form, and fields holding the
 * delimiter, a quote, a line break or surrounding spaces are quoted. {@link parseCsv} reads the
 * result back to an equal table, except text cells that are themselves missing-value strings.
 *
 * @example
 * ```ts
 * import { fromColumns, toCsv } from "tunelab/data";
 * toCsv(fromColumns({ a: [1, null], b: ["x, y", "z"] })); // 'a,b\n1,"x, y"\n,z\n'
 * ```
 */
export function toCsv(table: Table, options: ToCsvOptions = {}): string {
  const { delimiter = "," } = options;
  if (typeof delimiter !== "string" || delimiter.length === 0 || /[\r\n"]/.test(delimiter))
    throw new DataArgumentError(
      `toCsv(): delimiter must be a non-empty string without quotes or line breaks, got ${JSON.stringify(delimiter)}`,
    );
  const quote = (s: string) =>
    s.includes(delimiter) || /["\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  const cols = table.columns.map((c) => table.column(c));
  const lines: string[] = [table.columns.map(quote).join(delimiter)];
  for (let r = 0; r < table.nRows; r++) {
    const cells = new Array<string>(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const v = cols[c][r];
      cells[c] =
        v === null || (typeof v === "number" && Number.isNaN(v))
          ? ""
          : typeof v === "number"
            ? String(v)
            : quote(v);
    }
    lines.push(cells.join(delimiter));
  }
  return `${lines.join("\n")}\n`;
}
