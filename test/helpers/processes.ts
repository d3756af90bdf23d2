import { spawn } from "node:child_process";
import { expect } from "vitest";
import type { FrozenTrial } from "../../src/tune/index.js";

/** Runs a command; resolves with its exit code, stdout and stderr. */
export function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("exit", (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

/** Trial numbers are 0..n-1, each once, with distinct ids. */
export function expectConsecutive(trials: readonly FrozenTrial[], n: number): void {
  expect(trials.map((t) => t.number)).toEqual([...Array(n).keys()]);
  expect(new Set(trials.map((t) => t.trialId)).size).toBe(n);
}
