import { serialize } from "pg-protocol";
import { describe, expect, it } from "vitest";
import { PipelineWriter } from "../../src/db/pg-pipeline-writer.js";

describe("PipelineWriter", () => {
  it("encodes a script byte for byte as pg's serializer does, across growth and reuse", () => {
    const w = new PipelineWriter();
    const long = "x".repeat(40000);
    const scripts = [
      [
        { name: "tl0", text: "select $1::text, $2", values: ["é ' \\", null] },
        { name: "", text: `select '${long}'`, values: [] },
      ],
      [{ name: "tl1", text: "insert into t values ($1, $2, $3)", values: ["1.5", "-0", long] }],
    ];
    w.parse("tl2", "select 1");
    w.bind("tl2", []);
    w.execute();
    expect(
      w
        .finish()
        .equals(
          Buffer.concat([
            serialize.parse({ name: "tl2", text: "select 1", types: [] }),
            serialize.bind({ statement: "tl2", values: [] }),
            serialize.execute({ portal: "" }),
            serialize.sync(),
          ]),
        ),
    ).toBe(true);
    for (const script of scripts) {
      const expected: Buffer[] = [];
      for (const q of script) {
        w.parse(q.name, q.text);
        w.bind(q.name, q.values);
        w.describeExecute();
        expected.push(
          serialize.parse({ name: q.name, text: q.text, types: [] }),
          serialize.bind({ statement: q.name, values: q.values }),
          serialize.describe({ type: "P", name: "" }),
          serialize.execute({ portal: "" }),
        );
      }
      expected.push(serialize.sync());
      expect(w.finish().equals(Buffer.concat(expected))).toBe(true);
    }
  });
});
