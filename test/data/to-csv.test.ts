import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Column,
  fromColumns,
  PANDAS_NA_VALUES,
  parseCsv,
  parseNumber,
  toCsv,
} from "../../src/data/index.js";

/** A cell that reads back as the same text: not a missing-value string and not a number. */
const textCell = fc
  .string({ maxLength: 12 })
  .filter((s) => !PANDAS_NA_VALUES.includes(s) && parseNumber(s) === undefined);

const column = fc.oneof(
  fc.record({
    kind: fc.constant("number" as const),
    cells: fc.array(fc.double(), { minLength: 1, maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant("text" as const),
    cells: fc.array(fc.option(textCell, { nil: null }), { minLength: 1, maxLength: 20 }),
  }),
);

/** NaN and null as null; -0 as 0 (CSV writes both zeros as "0"). */
const norm = (c: Column) =>
  [...c].map((v) =>
    v === null || (typeof v === "number" && Number.isNaN(v)) ? null : typeof v === "number" ? v + 0 : v,
  );

describe("toCsv() / parseCsv() round trip", () => {
  it("a table written with toCsv reads back equal (kinds and values), for any delimiter", () => {
    fc.assert(
      fc.property(
        fc.array(column, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(",", ";", "\t", "|"),
        (cols, delimiter) => {
          const n = Math.min(...cols.map((c) => c.cells.length));
          // Text columns need one present value, or they read back as (all-missing) numeric columns.
          fc.pre(cols.every((c) => c.kind === "number" || c.cells.slice(0, n).some((v) => v !== null)));
          const spec: Record<string, (number | string | null)[]> = {
            id: Array.from({ length: n }, (_, i) => i),
          };
          cols.forEach((c, i) => {
            spec[`c${i}`] = c.cells.slice(0, n);
          });
          const table = fromColumns(spec as never);
          const back = parseCsv(toCsv(table, { delimiter }), { delimiter });
          expect(back.columns).toEqual(table.columns);
          for (const name of table.columns) {
            expect(back.kind(name)).toBe(table.kind(name));
            expect(norm(back.column(name))).toEqual(norm(table.column(name)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("quotes fields with the delimiter, quotes, line breaks or edge spaces", () => {
    expect(toCsv(fromColumns({ a: [1, null], b: ["x, y", 'say "hi"'] }))).toBe(
      'a,b\n1,"x, y"\n,"say ""hi"""\n',
    );
    expect(toCsv(fromColumns({ a: [" x"] }))).toBe('a\n" x"\n');
  });
});
