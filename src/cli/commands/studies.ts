import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import {
  deleteStudy,
  getAllStudySummaries,
  InvalidArgumentError,
  loadStudy,
  resolveStorage,
  type Storage,
  type TrialRecord,
} from "../../tune/index.js";
import { reportErrors } from "../report-errors.js";

/** Output formats of `studies export`. */
export const EXPORT_FORMATS = ["csv", "json"] as const;

/** `tunelab studies list|show|delete|export --storage URI`. */
export function studiesCommand(program: Command): void {
  const studies = program
    .command("studies")
    .description("list, show, delete and export studies in a storage");

  studies
    .command("list")
    .description("one line per study: name, directions, trials, best value, start")
    .requiredOption("--storage <uri>", "storage URI (sqlite:///file.db, postgresql://...)")
    .option("--json", "print JSON instead of a table")
    .action(
      reportErrors(async (opts: { storage: string; json?: boolean }) =>
        withStorage(opts.storage, async (storage) => {
          const rows = (await getAllStudySummaries(storage)).map((s) => ({
            name: s.studyName,
            directions: s.directions.join(","),
            trials: s.nTrials,
            best_value: s.bestTrial?.values?.join(",") ?? "",
            best_trial: s.bestTrial?.number ?? "",
            start: s.datetimeStart?.toISOString() ?? "",
          }));
          process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
        }),
      ),
    );

  studies
    .command("show")
    .description("a study's attributes and trials")
    .requiredOption("--storage <uri>", "storage URI")
    .requiredOption("--study <name>", "study name")
    .option("--json", "print JSON instead of a table")
    .action(
      reportErrors(async (opts: { storage: string; study: string; json?: boolean }) =>
        withStorage(opts.storage, async (storage) => {
          const study = await loadStudy({ studyName: opts.study, storage });
          const records = study.trialsRecords();
          if (opts.json) {
            const info = { name: study.studyName, directions: study.directions, userAttrs: study.userAttrs };
            process.stdout.write(`${JSON.stringify({ ...info, trials: records }, null, 2)}\n`);
            return;
          }
          const counts: Record<string, number> = {};
          for (const t of study.trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
          process.stdout.write(
            `study ${study.studyName} (${study.directions.join(", ")}): ${study.trials.length} trials ` +
              `${Object.entries(counts)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}\n`,
          );
          process.stdout.write(table(records));
        }),
      ),
    );

  studies
    .command("delete")
    .description("delete a study and all its trials")
    .requiredOption("--storage <uri>", "storage URI")
    .requiredOption("--study <name>", "study name")
    .action(
      reportErrors(async (opts: { storage: string; study: string }) =>
        withStorage(opts.storage, async (storage) => {
          await deleteStudy({ studyName: opts.study, storage });
          process.stdout.write(`deleted study ${opts.study}\n`);
        }),
      ),
    );

  studies
    .command("export")
    .description("write a study's trials as CSV or JSON (one row per trial, as Optuna's trials_dataframe)")
    .requiredOption("--storage <uri>", "storage URI")
    .requiredOption("--study <name>", "study name")
    .option("--format <format>", `${EXPORT_FORMATS.join(" | ")}`, "csv")
    .option("--output <file>", "write to a file instead of stdout")
    .action(
      reportErrors(async (opts: { storage: string; study: string; format: string; output?: string }) => {
        const format = opts.format.toLowerCase();
        if (!(EXPORT_FORMATS as readonly string[]).includes(format))
          throw new InvalidArgumentError(
            `invalid format: ${opts.format} (expected ${EXPORT_FORMATS.join(" | ")})`,
          );
        await withStorage(opts.storage, async (storage) => {
          const records = (await loadStudy({ studyName: opts.study, storage })).trialsRecords();
          const text = format === "json" ? `${JSON.stringify(records, null, 2)}\n` : toCsv(records);
          if (opts.output) writeFileSync(opts.output, text);
          else process.stdout.write(text);
        });
      }),
    );
}

async function withStorage(uri: string, fn: (storage: Storage) => Promise<void>): Promise<void> {
  const storage = await resolveStorage(uri);
  try {
    await fn(storage);
  } finally {
    await storage.close?.();
  }
}

/** Every column any row has, in first-seen order. */
function columns(rows: readonly TrialRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** RFC 4180 CSV; missing cells are empty. */
export function toCsv(rows: readonly TrialRecord[]): string {
  const cols = columns(rows);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n")}\n`;
}

function table(rows: readonly TrialRecord[]): string {
  if (rows.length === 0) return "(none)\n";
  const cols = columns(rows);
  const text = rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? "" : String(r[c]))));
  const widths = cols.map((c, i) => Math.max(c.length, ...text.map((t) => t[i].length)));
  const line = (cells: string[]) => `${cells.map((x, i) => x.padEnd(widths[i])).join("  ")}`.trimEnd();
  return `${[line(cols), ...text.map(line)].join("\n")}\n`;
}
