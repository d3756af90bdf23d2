import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  InvalidParameterValueError,
  InvalidStateError,
  ResourceAlreadyExistsError,
  ResourceDoesNotExistError,
  TRACKING_ERROR_CODES,
  TrackingError,
} from "../../src/track/index.js";

describe("tracking errors", () => {
  it("each class carries its MLflow code and HTTP status", () => {
    const cases: [TrackingError, string][] = [
      [new InvalidParameterValueError("x"), "INVALID_PARAMETER_VALUE"],
      [new ResourceDoesNotExistError("x"), "RESOURCE_DOES_NOT_EXIST"],
      [new ResourceAlreadyExistsError("x"), "RESOURCE_ALREADY_EXISTS"],
      [new InvalidStateError("x"), "INVALID_STATE"],
    ];
    for (const [err, code] of cases) {
      expect(err).toBeInstanceOf(TrackingError);
      expect(err.code).toBe(code);
      expect(err.statusCode).toBe(TRACKING_ERROR_CODES[code as keyof typeof TRACKING_ERROR_CODES]);
    }
    expect(cases.map((c) => c[1]).sort()).toEqual(Object.keys(TRACKING_ERROR_CODES).sort());
  });

  it("the README's tracking error table lists exactly the codes that exist, with their status", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(
      readme.indexOf("### Limits and errors"),
      readme.indexOf("### Import from MLflow"),
    );
    // rows: | `Class` (note) | `CODE` | status | when |
    const rows = [...section.matchAll(/^\|\s*`(\w+)`[^|]*\|\s*`([A-Z_]+)`\s*\|\s*(\d+)\s*\|/gm)].map((m) => [
      m[2],
      Number(m[3]),
    ]);
    expect(Object.fromEntries(rows)).toEqual(TRACKING_ERROR_CODES);
  });
});
