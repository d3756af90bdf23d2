import { execFileSync, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStudy } from "../../src/tune/index.js";
import { freshSqlite } from "../helpers/databases.js";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/tunelab.js", ...args], { encoding: "utf8" });

describe("tunelab studies", () => {
  const f = freshSqlite();
  beforeAll(async () => {
    const study = await createStudy({ studyName: "demo", storage: f.url });
    for (let i = 0; i < 3; i++) {
      const t = await study.ask();
      t.suggestFloat("x", 0, 1);
      t.setUserAttr("note", `a, "quoted" ${i}`);
      await study.tell(t, i + 0.5);
    }
    await study.close();
  });
  afterAll(() => f.remove());

  it("`studies list --json` lists the study with its trial count and best value", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, ["bin/tunelab.js", "studies", "list", "--storage", f.url, "--json"], {
        encoding: "utf8",
      }),
    );
    expect(out).toEqual([
      expect.objectContaining({
        name: "demo",
        directions: "minimize",
        trials: 3,
        best_value: "0.5",
        best_trial: 0,
      }),
    ]);
  });

  it("`studies export --format csv` writes one quoted CSV row per trial", () => {
    const r = cli("studies", "export", "--storage", f.url, "--study", "demo", "--format", "csv");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "number,value,datetime_start,datetime_complete,duration,params_x,user_attrs_note,state",
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^0,0\.5,.*,"a, ""quoted"" 0",COMPLETE$/);
  });

  it("`studies export --format json` and `studies show --json` give the same trials", () => {
    const json = JSON.parse(
      cli("studies", "export", "--storage", f.url, "--study", "demo", "--format", "json").stdout,
    );
    const show = JSON.parse(cli("studies", "show", "--storage", f.url, "--study", "demo", "--json").stdout);
    expect(show.trials).toEqual(json);
    expect(json.map((r: { value: number }) => r.value)).toEqual([0.5, 1.5, 2.5]);
  });

  it("an unknown study or format fails with a clear message and exit code 1", () => {
    const r = cli("studies", "show", "--storage", f.url, "--study", "nope");
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tunelab: study "nope" not found (existing studies: "demo") [STUDY_NOT_FOUND]\n');
    const bad = cli("studies", "export", "--storage", f.url, "--study", "demo", "--format", "xml");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/invalid format: xml \(expected csv \| json\)/);
  });

  it("`studies delete` removes the study", () => {
    expect(cli("studies", "delete", "--storage", f.url, "--study", "demo").status).toBe(0);
    expect(cli("studies", "list", "--storage", f.url).stdout).toBe("(none)\n");
  });
});
