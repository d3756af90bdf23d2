import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("tunelab CLI", () => {
  it("`tunelab --version` prints the package version", () => {
    const out = execFileSync(process.execPath, ["bin/tunelab.js", "--version"], { encoding: "utf8" });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
