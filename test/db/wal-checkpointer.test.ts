import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startWalCheckpointer } from "../../src/db/wal-checkpointer.js";

const WRITER = fileURLToPath(new URL("./wal-writer.ts", import.meta.url));

/** Frames in the WAL and how many of them are copied to the database file (no work done). */
function walState(db: Database.Database): { log: number; checkpointed: number } {
  return (db.pragma("wal_checkpoint(NOOP)") as { log: number; checkpointed: number }[])[0]!;
}

function openWal(file: string): Database.Database {
  const db = new Database(file, { timeout: 30_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  return db;
}

/** Runs wal-writer.ts; `onLine` sees each committed id as it is printed. */
function writer(args: string[], onLine: (id: number) => void = () => {}) {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let buf = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split("\n");
    buf = lines.pop()!;
    for (const l of lines) onLine(Number(l));
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

describe("WAL checkpointer", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tunelab-wal-"));
    file = join(dir, "t.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps the WAL under its cap through a long burst of commits", async () => {
    const db = openWal(file);
    const cap = 200;
    const checkpointer = startWalCheckpointer(db, file, { capPages: cap });
    db.exec("create table t (id integer primary key, pad blob)");
    const insert = db.prepare("insert into t (id, pad) values (?, zeroblob(3000))");
    let most = 0;
    // 3,000 commits of about one page each: 15 times the cap, with no pause for the thread
    for (let i = 1; i <= 3000; i++) {
      insert.run(i);
      most = Math.max(most, walState(db).log);
    }
    // One commit writes a few pages (row, b-tree parents); the in-line checkpoint fires at the
    // cap. While the thread's own checkpoint holds the WAL (a descheduled thread on a loaded
    // machine), the WAL cannot start over and grows past the cap for a while (396 pages seen at
    // load 10); without checkpoints it would reach 15 times the cap.
    expect(most).toBeGreaterThanOrEqual(cap);
    expect(most).toBeLessThan(2.5 * cap);
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(2.5 * cap * (pageSize + 24) + 32);
    await checkpointer.stop();
    db.close();
  });

  it("checkpoints when writing pauses, so the next commit starts the WAL over", async () => {
    const db = openWal(file);
    const checkpointer = startWalCheckpointer(db, file, { idleMs: 20 });
    db.exec("create table t (id integer primary key, pad blob)");
    const insert = db.prepare("insert into t (id, pad) values (?, zeroblob(3000))");
    for (let i = 1; i <= 300; i++) insert.run(i);
    const before = walState(db);
    expect(before.log).toBeGreaterThan(300);
    expect(before.checkpointed).toBe(0); // far below the cap: nothing checkpointed in line
    const deadline = Date.now() + 10_000;
    while (walState(db).checkpointed < before.log && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(walState(db)).toMatchObject({ log: before.log, checkpointed: before.log });
    insert.run(301);
    expect(walState(db).log).toBeLessThan(10);
    await checkpointer.stop();
    db.close();
  });

  it("keeps every commit printed before the writer process is killed mid-burst", async () => {
    const committed: number[] = [];
    const w = writer([file, "1000000"], (id) => {
      committed.push(id);
      if (committed.length === 3000) w.child.kill("SIGKILL");
    });
    const r = await w.done;
    expect(r.signal).toBe("SIGKILL");
    expect(committed.length).toBeGreaterThanOrEqual(3000);
    const db = openWal(file);
    const ids = (db.prepare("select id from t order by id").pluck().all() as number[]).slice(
      0,
      committed.length,
    );
    expect(ids).toEqual(committed);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  }, 60_000);

  it("a writer that closes exits by itself and leaves no WAL behind, beside a second process", async () => {
    const a = writer([file, "2000", "close"]);
    const b = writer([file, "2000", "close"]);
    const results = await Promise.all([a.done, b.done]);
    for (const r of results) {
      expect(r.stderr).not.toMatch(/locked|SQLITE_BUSY/);
      expect(r.code).toBe(0);
    }
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("select count(*) from t").pluck().get()).toBe(4000);
    db.close();
  }, 60_000);
});
