/**
 * `npm run bench:tune-storage-trips`: PostgreSQL round trips per trial of `study.optimize` (one
 * worker, instant objective), counted at the pg driver (every `Client.query` call is one round
 * trip), with what each one starts with. A statement trace without server logs.
 *
 *   npm run bench:tune-storage-trips -- [--trials 100] [--sampler tpe|random]
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createStudy, RandomSampler, TPESampler } from "../../src/tune/index.js";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const trials = Number(opt("trials", "100"));
const sampler = opt("sampler", "tpe");
const PG_ADMIN = process.env.TUNELAB_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const counts = new Map<string, number>();
let counting = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  if (counting) {
    const first = a[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "?");
    // The statements of a script, by their first words, so one script reads as one kind.
    const kind = text
      .split(";\n")
      .map((s) => s.trim().split(/\s+/).slice(0, 3).join(" "))
      .join(" | ");
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return (query as (...x: unknown[]) => unknown).apply(this, a);
} as typeof pg.Client.prototype.query;

const name = `tunelab_trips_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
const admin = new pg.Client({ connectionString: PG_ADMIN });
await admin.connect();
await admin.query(`create database ${name}`);
const u = new URL(PG_ADMIN);
u.pathname = `/${name}`;
try {
  const study = await createStudy({
    studyName: "trips",
    storage: u.toString(),
    sampler: sampler === "tpe" ? new TPESampler({ seed: 0 }) : new RandomSampler({ seed: 0 }),
  });
  const objective = (t: { suggestFloat: (n: string, l: number, h: number) => number }) => {
    let s = 0;
    for (let i = 0; i < 5; i++) s += t.suggestFloat(`x${i}`, -10, 10) ** 2;
    return s;
  };
  await study.optimize(objective, { nTrials: 10 }); // warm-up: connections, caches
  counting = true;
  await study.optimize(objective, { nTrials: trials });
  counting = false;
  await study.close();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`${sampler}, ${trials} trials: ${(total / trials).toFixed(2)} round trips per trial`);
  for (const [kind, n] of [...counts].sort((a, b) => b[1] - a[1]))
    console.log(`  ${(n / trials).toFixed(2)}  ${kind.slice(0, 160)}`);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
