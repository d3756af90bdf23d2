import { describe, expect, it } from "vitest";
import { parseCsvPreview } from "../../ui/src/runs/csv-preview.js";

describe("parseCsvPreview", () => {
  it("splits rows and cells, with quotes, doubled quotes, CRLF and a missing last newline", () => {
    expect(parseCsvPreview('a,b\r\n"x, y","say ""hi"""\n1,2', 10)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", "2"],
    ]);
  });
  it("stops after maxRows rows and reads TSV with a tab separator", () => {
    expect(parseCsvPreview("a\tb\n1\t2\n3\t4\n", 2, "\t")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
});
