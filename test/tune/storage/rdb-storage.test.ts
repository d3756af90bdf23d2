import { readFileSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  createStudy,
  createTrial,
  IncompatibleStorageError,
  InvalidArgumentError,
  loadStudy,
  RDBStorage,
  StudyNotFoundError,
} from "../../../src/tune/index.js";
import { freshPostgres, freshSqlite, postgresAvailable } from "../../helpers/databases.js";
import { describeIf } from "../../helpers/requires.js";

const files: { remove: () => void }[] = [];
const fresh = () => {
  const f = freshSqlite();
  files.push(f);
  return f;
};
afterEach(() => {
  for (const f of files.splice(0)) f.remove();
});

describe("RDBStorage: bad input is refused and changes nothing", () => {
  it("createStudy({storage: 'mysql://...'}) throws INVALID_ARGUMENT naming the scheme and the known ones", async () => {
    const e = await createStudy({ storage: "mysql://u:secret@h/db" }).catch((x) => x);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect(e.message).toMatch(/"mysql".*sqlite, postgresql/);
    expect(e.message).not.toContain("secret");
  });

  it("a file that is not a database: DATABASE error, file bytes unchanged", async () => {
    const f = fresh();
    writeFileSync(f.path, "this is not a database, just some text\n".repeat(200));
    const before = readFileSync(f.path);
    const e = await RDBStorage.open(f.url).catch((x) => x);
    expect(e.code).toBe("DATABASE");
    expect(e.message).toMatch(/not a database/);
    expect(readFileSync(f.path).equals(before)).toBe(true);
  });

  it("a database whose `studies` table is someone else's: INCOMPATIBLE_STORAGE, no table added", async () => {
    const f = fresh();
    const raw = new Database(f.path);
    raw.exec(
      "create table studies (id integer primary key, title text); insert into studies values (1, 'mine')",
    );
    raw.close();
    const e = await RDBStorage.open(f.url).catch((x) => x);
    expect(e).toBeInstanceOf(IncompatibleStorageError);
    expect(e.message).toMatch(/not a study database/);
    const check = new Database(f.path);
    const tables = check.prepare("select name from sqlite_master where type = 'table' order by name").all();
    expect(tables).toEqual([{ name: "studies" }]);
    expect(check.prepare("select * from studies").all()).toEqual([{ id: 1, title: "mine" }]);
    check.close();
  });

  it("a study database of another schema version: INCOMPATIBLE_STORAGE naming the version, rows unchanged", async () => {
    const f = fresh();
    const s = await createStudy({ studyName: "a", storage: f.url });
    await s.close();
    const raw = new Database(f.path);
    raw.exec("update version_info set schema_version = 11");
    const dump = () => raw.prepare("select * from studies").all();
    const before = dump();
    const e = await loadStudy({ studyName: "a", storage: f.url }).catch((x) => x);
    expect(e).toBeInstanceOf(IncompatibleStorageError);
    expect(e.message).toMatch(/schema version 11/);
    expect(dump()).toEqual(before);
    expect(raw.prepare("select schema_version from version_info").get()).toEqual({ schema_version: 11 });
    raw.close();
  });

  it("loadStudy(unknown name) throws STUDY_NOT_FOUND listing the existing studies", async () => {
    const f = fresh();
    for (const name of ["alpha", "beta"])
      await (await createStudy({ studyName: name, storage: f.url })).close();
    const e = await loadStudy({ studyName: "gamma", storage: f.url }).catch((x) => x);
    expect(e).toBeInstanceOf(StudyNotFoundError);
    expect(e.message).toBe('study "gamma" not found (existing studies: "alpha", "beta")');
  });

  it("RDBStorage.open(uri, {gracePeriod}) without heartbeatInterval throws", async () => {
    const f = fresh();
    await expect(RDBStorage.open(f.url, { gracePeriod: 3 })).rejects.toThrow(
      /gracePeriod needs heartbeatInterval/,
    );
    await expect(RDBStorage.open(f.url, { heartbeatInterval: -1 })).rejects.toThrow(
      /heartbeatInterval must be > 0/,
    );
  });
});

describe("RDBStorage: Optuna's encodings", () => {
  it("stores enums by name, datetimes as naive UTC text, attributes as Python json.dumps text", async () => {
    const f = fresh();
    const study = await createStudy({ studyName: "enc", storage: f.url, direction: "maximize" });
    await study.setUserAttr("k", { a: [1, 2.5], b: "é" });
    const t = await study.ask();
    t.suggestFloat("x", 0, 1);
    t.setUserAttr("u", null);
    t.report(Infinity, 0);
    await study.tell(t, -Infinity);
    await study.close();
    const raw = new Database(f.path, { readonly: true });
    expect(raw.prepare("select direction from study_directions").get()).toEqual({ direction: "MAXIMIZE" });
    expect(raw.prepare("select value_json from study_user_attributes").get()).toEqual({
      value_json: '{"a": [1, 2.5], "b": "\\u00e9"}',
    });
    expect(raw.prepare("select value, value_type from trial_values").get()).toEqual({
      value: null,
      value_type: "INF_NEG",
    });
    expect(
      raw.prepare("select intermediate_value, intermediate_value_type from trial_intermediate_values").get(),
    ).toEqual({
      intermediate_value: null,
      intermediate_value_type: "INF_POS",
    });
    const row = raw.prepare("select state, datetime_start from trials").get() as {
      state: string;
      datetime_start: string;
    };
    expect(row.state).toBe("COMPLETE");
    expect(row.datetime_start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(raw.prepare("select schema_version from version_info").get()).toEqual({ schema_version: 12 });
    expect(raw.prepare("select version_num from alembic_version").get()).toEqual({ version_num: "v3.2.0.a" });
    raw.close();
  });
});

describe("RDBStorage: two connections on one database", () => {
  const claimRace = async (url: string) => {
    const a = await RDBStorage.open(url);
    const b = await RDBStorage.open(url);
    const studyId = await a.createNewStudy(["minimize"], "race");
    const waiting = [];
    for (let i = 0; i < 20; i++)
      waiting.push(await a.createNewTrial(studyId, createTrial({ state: "WAITING", systemAttrs: { i } })));
    const claims = await Promise.all(
      waiting.flatMap((t) => [
        a.setTrialStateValues(t.trialId, "RUNNING"),
        b.setTrialStateValues(t.trialId, "RUNNING"),
      ]),
    );
    for (let i = 0; i < 20; i++) expect(claims[2 * i] !== claims[2 * i + 1]).toBe(true); // exactly one of the two
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).createNewTrial(studyId)),
    );
    expect(created.map((t) => t.number).sort((x, y) => x - y)).toEqual(
      [...Array(10).keys()].map((k) => k + 20),
    );
    await a.close();
    await b.close();
  };

  it("each WAITING trial is taken by exactly one of them; new trial numbers stay consecutive (SQLite)", async () => {
    await claimRace(fresh().url);
  });

  describeIf(postgresAvailable, "PostgreSQL on 127.0.0.1:5432")("PostgreSQL", () => {
    it("each WAITING trial is taken by exactly one of them; new trial numbers stay consecutive (PostgreSQL)", async () => {
      const d = await freshPostgres();
      try {
        await claimRace(d.url);
      } finally {
        await d.drop();
      }
    });
  });
});
