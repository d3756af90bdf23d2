import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ColumnInput, fromColumns, type Table } from "../../src/data/index.js";

type Cell = number | string | null;

/** The committed output of test/fixtures/data/make_sklearn_fixtures.py. */
export interface SklearnFixtures {
  versions: Record<string, string>;
  input: { train: Record<string, Cell[]>; test: Record<string, Cell[]> };
  transformers: {
    name: string;
    columns: string[];
    featureNamesOut: string[];
    train: Record<string, Cell[]>;
    test: Record<string, Cell[]>;
  }[];
  splits: {
    kind: "kFold" | "stratifiedKFold" | "trainTestSplit";
    n?: number;
    y?: (number | string)[];
    nSplits?: number;
    seed: number | null;
    folds?: number[][];
    testSize?: number | null;
    trainSize?: number | null;
    stratify?: (number | string)[] | null;
    train?: number[];
    test?: number[];
  }[];
  csv: {
    name: string;
    text: string;
    options: Record<string, unknown>;
    columns: string[];
    kinds: Record<string, "number" | "text" | "bool">;
    values: Record<string, (number | string | null)[]>;
  }[];
}

export const fixtures: SklearnFixtures = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/data/sklearn-fixtures.json", import.meta.url)), "utf8"),
);

/** A table from fixture columns (null = missing). */
export function tableOf(columns: Record<string, Cell[]>): Table {
  return fromColumns(columns as Record<string, ColumnInput>);
}
