import { expect } from "vitest";
import type { Fold } from "../../../src/data/index.js";

/** Each row is in exactly one test set, and each fold's train set is the complement of its test set. */
export function expectPartition(folds: Fold[], n: number): void {
  const seen = new Uint8Array(n);
  for (const { train, test } of folds) {
    expect(train.length + test.length).toBe(n);
    const inTest = new Set(test);
    for (const r of test) seen[r]++;
    for (const r of train) expect(inTest.has(r)).toBe(false);
    expect([...train]).toEqual([...train].sort((a, b) => a - b));
  }
  expect([...seen].every((c) => c === 1)).toBe(true);
}
