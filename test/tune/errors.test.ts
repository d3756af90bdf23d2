import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as tune from "../../src/tune/index.js";

describe("tune error codes", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const classes = (Object.values(tune) as unknown[]).filter(
    (v): v is new (...args: never[]) => tune.TunelabError =>
      typeof v === "function" && v.prototype instanceof tune.TunelabError,
  );

  it("every exported error class has a code listed in TUNE_ERROR_CODES", () => {
    const codes = classes.map(
      (C) => new (C as new (a: string, b: never[]) => tune.TunelabError)("x", []).code,
    );
    expect(classes.length).toBeGreaterThan(5);
    for (const code of codes) expect(tune.TUNE_ERROR_CODES).toContain(code);
  });

  it("every code is documented in the README's error table, and the table lists no other code", () => {
    const documented = [...readme.matchAll(/^\|\s*`([A-Z_]+)`\s*\|\s*`(\w+)`\s*\|/gm)].filter(
      ([, , cls]) => cls in tune,
    );
    expect(documented.map(([, code]) => code).sort()).toEqual([...tune.TUNE_ERROR_CODES].sort());
  });
});
