import { describe, expect, it } from "vitest";
import { formatSeconds } from "../../src/tune/progress.js";

describe("formatSeconds", () => {
  it("shows tenths below a minute", () => {
    expect(formatSeconds(0)).toBe("0.0s");
    expect(formatSeconds(46.44)).toBe("46.4s");
  });

  it("rounds to whole seconds from a minute on, carrying into the minutes", () => {
    expect(formatSeconds(59.96)).toBe("1m00s");
    expect(formatSeconds(119.6)).toBe("2m00s");
    expect(formatSeconds(147.2)).toBe("2m27s");
    expect(formatSeconds(3605)).toBe("60m05s");
  });
});
