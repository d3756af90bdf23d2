import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ColumnNotFoundError,
  ColumnTypeError,
  CsvParseError,
  DATA_ERROR_CODES,
  DataArgumentError,
  NotFittedError,
  TunelabError,
  UnknownCategoryError,
} from "../../src/data/index.js";
import { REPO } from "./paths.js";

describe("data errors", () => {
  const errors = [
    new ColumnNotFoundError("x", ["a"]),
    new ColumnTypeError("x", "m"),
    new CsvParseError("m", 3),
    new NotFittedError("T"),
    new UnknownCategoryError("x", "v"),
    new DataArgumentError("m"),
  ];

  it("each class has a code from DATA_ERROR_CODES and every code has a class", () => {
    for (const e of errors) {
      expect(e).toBeInstanceOf(TunelabError);
      expect(DATA_ERROR_CODES).toContain(e.code);
    }
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(DATA_ERROR_CODES));
  });

  it("the README's data error table documents exactly these codes", () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("Errors of `tunelab/data`"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("| code")));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]);
    expect(new Set(documented)).toEqual(new Set(DATA_ERROR_CODES));
  });
});
