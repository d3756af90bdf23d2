import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  GBDT_ERROR_CODES,
  InvalidDataError,
  InvalidParameterError,
  ModelFormatError,
} from "../../src/gbdt/index.js";

describe("gbdt error codes", () => {
  it("every code is documented in README.md and the docs list no other GBDT_ code", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const documented = new Set(readme.match(/`GBDT_[A-Z_]+`/g)?.map((c) => c.slice(1, -1)));
    expect([...documented].sort()).toEqual([...GBDT_ERROR_CODES].sort());
    expect(new InvalidParameterError("depth", "x").code).toBe("GBDT_INVALID_PARAMETER");
    expect(new InvalidDataError("x").code).toBe("GBDT_INVALID_DATA");
    expect(new ModelFormatError("p", "x").code).toBe("GBDT_MODEL_FORMAT");
  });
});
