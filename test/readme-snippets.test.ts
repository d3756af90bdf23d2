import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { splitMarkdown } from "./helpers/markdown.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const README = readFileSync(`${ROOT}README.md`, "utf8");

/**
 * Names the README's snippets use without defining them ("your code", or a value made in an
 * earlier snippet), typed as the snippet around them means them. A module snippet's own import
 * or const shadows these.
 */
const CONTEXT = `
declare const trainOneEpoch: (lr: number) => number;
declare const table: import("tunelab/data").Table;
declare const newTable: import("tunelab/data").Table;
declare const y: Float64Array;
declare const client: import("tunelab/track").TrackingClient;
declare const expId: string;
declare const createStudy: typeof import("tunelab/tune").createStudy;
declare const loadStudy: typeof import("tunelab/tune").loadStudy;
declare const deleteStudy: typeof import("tunelab/tune").deleteStudy;
declare const getAllStudySummaries: typeof import("tunelab/tune").getAllStudySummaries;
`;

/** Type errors of each snippet, compiled as a module of this package (so `tunelab/*` resolves to src). */
function typeErrors(blocks: { line: number; code: string }[]): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${ROOT}tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const files = new Map<string, string>([[`${ROOT}readme-context.d.ts`, CONTEXT]]);
  for (const b of blocks) files.set(`${ROOT}readme-line-${b.line}.ts`, `${b.code}\nexport {};\n`);
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f) ?? readFile(f);
  host.getSourceFile = (f, lang, ...rest) => {
    const text = files.get(f);
    return text === undefined ? getSourceFile(f, lang, ...rest) : ts.createSourceFile(f, text, lang);
  };
  const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const snippetLine = Number(/readme-line-(\d+)/.exec(d.file!.fileName)?.[1] ?? 0);
      return `README.md:${snippetLine + line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
}

describe("README", () => {
  const blocks = splitMarkdown(README).blocks.filter((b) => b.lang === "ts");

  it("has TypeScript snippets to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(8);
  });

  it("every TypeScript snippet compiles against the current API", () => {
    expect(typeErrors(blocks)).toEqual([]);
  }, 120_000);

  it("the check reports a snippet that uses an option the API does not have", () => {
    const wrong = blocks[0]!.code.replace("nTrials: 100", "nTrial: 100");
    expect(wrong).not.toBe(blocks[0]!.code);
    const errors = typeErrors([{ line: blocks[0]!.line, code: wrong }]);
    expect(errors.join("\n")).toMatch(/nTrial/);
  }, 120_000);
});
