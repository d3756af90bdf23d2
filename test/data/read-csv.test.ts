import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  ColumnTypeError,
  CsvParseError,
  parseCsv,
  type ReadCsvOptions,
  readCsv,
} from "../../src/data/index.js";
import { fixtures } from "./sklearn-fixtures.js";

describe(`readCsv() reads as pandas ${fixtures.versions.pandas} read_csv does`, () => {
  for (const c of fixtures.csv) {
    it(`${c.name}: same columns, kinds and values`, () => {
      const t = parseCsv(c.text, c.options as ReadCsvOptions);
      expect(t.columns).toEqual(c.columns);
      for (const name of c.columns) {
        // pandas' bool columns are text in tunelab (the cells kept as written).
        expect(t.kind(name), name).toBe(c.kinds[name] === "bool" ? "text" : c.kinds[name]);
        const want = c.values[name].map((v) => (v === "inf" ? Infinity : v === "-inf" ? -Infinity : v));
        // `+ 0` turns -0 into 0: pandas reads "-0" in an integer column as 0.
        const got = [...t.column(name)].map((v) =>
          typeof v === "number" ? (Number.isNaN(v) ? null : v + 0) : v,
        );
        expect(got, name).toEqual(want);
      }
    });
  }
});

describe("readCsv(pathOrText, options)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-csv-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file path, bytes and text alike, and strips a UTF-8 byte-order mark", () => {
    const text = "\ufeffa,b\n1,x\n";
    const path = join(dir, "t.csv");
    writeFileSync(path, text);
    for (const t of [readCsv(path), readCsv(new TextEncoder().encode(text)), readCsv(text)]) {
      expect(t.columns).toEqual(["a", "b"]);
      expect(t.toRecords()).toEqual([{ a: 1, b: "x" }]);
    }
  });

  it("dtypes: 'number' on a column with text throws ColumnTypeError naming column, row and value", () => {
    expect(() => parseCsv("a,b\n1,x\n2,y\n", { dtypes: { b: "number" } })).toThrowError(ColumnTypeError);
    expect(() => parseCsv("a,b\n1,x\n2,y\n", { dtypes: { b: "number" } })).toThrowError(/"b".*row 1.*"x"/);
  });

  it("dtypes or naValues naming an unknown column throws ColumnNotFoundError", () => {
    expect(() => parseCsv("a\n1\n", { dtypes: { z: "text" } })).toThrowError(ColumnNotFoundError);
    expect(() => parseCsv("a\n1\n", { naValues: { z: ["x"] } })).toThrowError(
      /unknown column "z" in naValues/,
    );
    expect(() => parseCsv("a\n1\n", { dtypes: { a: "int" as never } })).toThrowError(/invalid dtype.*"int"/);
  });

  it("a row with too many fields throws CsvParseError with its line", () => {
    expect(() => parseCsv("a,b\n1,2\n3,4,5\n")).toThrowError(CsvParseError);
    expect(() => parseCsv("a,b\n1,2\n3,4,5\n")).toThrowError(/expected 2 fields, saw 3.*line 3/);
  });

  it("an unterminated quote throws CsvParseError", () => {
    expect(() => parseCsv('a,b\n1,"x\n')).toThrowError(CsvParseError);
  });

  it("a missing file throws DataArgumentError naming the path", () => {
    expect(() => readCsv(join(dir, "nope.csv"))).toThrowError(/no such file ".*nope.csv"/);
  });

  it("an empty text gives an empty table; a header-only text gives text columns with no rows", () => {
    expect(parseCsv("").shape).toEqual([0, 0]);
    const t = parseCsv("a,b\n");
    expect(t.shape).toEqual([0, 2]);
    expect(t.textColumns()).toEqual(["a", "b"]);
  });
});
