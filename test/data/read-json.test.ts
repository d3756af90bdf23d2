import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJson } from "../../src/data/index.js";

describe("readJson(pathOrText)", () => {
  it("reads an array of records from text or a file", () => {
    const text = '[{"Title": "Avatar", "Rating": 8.1}, {"Title": "Up", "Rating": null}]';
    expect(readJson(text).toRecords()).toEqual([
      { Title: "Avatar", Rating: 8.1 },
      { Title: "Up", Rating: null },
    ]);
    const dir = mkdtempSync(join(tmpdir(), "tunelab-json-"));
    try {
      writeFileSync(join(dir, "m.json"), text);
      expect(readJson(join(dir, "m.json")).shape).toEqual([2, 2]);
      expect(() => readJson(join(dir, "none.json"))).toThrowError(/no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("invalid JSON or a non-array throws DataArgumentError", () => {
    expect(() => readJson("[1,")).toThrowError(/invalid JSON/);
    expect(() => readJson("[1]")).toThrowError(/row 0 must be an object/);
    expect(() => readJson('{"a": [1]}')).toThrowError(/expected an array of objects \(records\), got object/);
    expect(() => readJson(" [ ]").shape).not.toThrow();
  });
});
