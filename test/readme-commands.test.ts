import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../src/cli/all-commands.js";
import { buildProgram } from "../src/cli/program.js";
import { splitMarkdown } from "./helpers/markdown.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** Every `tunelab <command> ...` the README shows in ```sh blocks (continued lines joined) or inline code. */
function commandLines(markdown: string): string[] {
  const { blocks, prose } = splitMarkdown(markdown);
  const sh = blocks.filter((b) => b.lang === "sh").map((b) => b.code.replace(/\\\n\s*/g, " "));
  const inline = [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return [...sh, ...inline]
    .flatMap((code) => code.split("\n"))
    .flatMap((line) => [...line.matchAll(/(?:^|\s)tunelab ([a-z][^#]*)/g)].map((m) => m[1]!.trim()));
}

/** The problems with one README line: an unknown command or an option its command does not have. */
function problems(program: Command, line: string): string[] {
  const words = line.split(/\s+/);
  let cmd = program.commands.find((c) => c.name() === words[0]);
  if (!cmd) return [`"tunelab ${line}": no command ${JSON.stringify(words[0])}`];
  const sub = cmd.commands.find((c) => c.name() === words[1]);
  if (sub) cmd = sub;
  const known = new Set(cmd.options.map((o) => o.long));
  return [...line.matchAll(/--[a-z][\w-]*/g)]
    .map((m) => m[0])
    .filter((flag) => flag !== "--help" && !known.has(flag))
    .map((flag) => `"tunelab ${line}": ${cmd.name()} has no option ${flag}`);
}

describe("README command lines", () => {
  const program = buildProgram(COMMANDS);
  const lines = commandLines(README);

  it("are found (studies, tune, server, ui, import-mlflow)", () => {
    const names = new Set(lines.map((l) => l.split(" ")[0]));
    for (const name of ["studies", "tune", "server", "ui", "import-mlflow"]) expect(names).toContain(name);
  });

  it("name commands and options the CLI has", () => {
    expect(lines.flatMap((l) => problems(program, l))).toEqual([]);
  });

  it("the check reports an option a command does not have", () => {
    expect(problems(program, "studies list --storage x --jsn")).toEqual([
      `"tunelab studies list --storage x --jsn": list has no option --jsn`,
    ]);
    expect(problems(program, "studys list")).toHaveLength(1);
  });
});
