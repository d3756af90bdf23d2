/**
 * Child process for the WAL checkpointer tests: commits rows, one transaction each, through the
 * process's shared SQLite connection (with its checkpointer) and prints each row's id once committed.
 * Usage: wal-writer.ts <file> <count> [close]  ("close": release the connection at the end and
 * let the process exit by itself).
 */
import { acquireSharedSqlite } from "../../src/db/retrying-database.js";

const [file, countText, mode] = process.argv.slice(2);
const shared = acquireSharedSqlite(file!);
shared.raw.exec("create table if not exists t (id integer primary key, pad blob)");
const insert = shared.raw.prepare("insert into t (pad) values (zeroblob(3000))");
for (let i = 1; i <= Number(countText); i++) {
  process.stdout.write(`${insert.run().lastInsertRowid}\n`);
  // let stdout and the checkpointer's thread move, as a server between requests would
  if (i % 50 === 0) await new Promise((r) => setImmediate(r));
}
if (mode === "close") await shared.release();
