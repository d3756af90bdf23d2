import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildServer, DEFAULT_UI_DIR } from "../../src/server/index.js";
import { createStudy, RandomSampler, type Study, TrialPruned } from "../../src/tune/index.js";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, launchChromium, openPage } from "./browser.js";

/** The little of the DOM these tests read inside the page (the test program has no DOM types). */
interface BrowserEl {
  getAttribute(name: string): string | null;
  closest(selector: string): BrowserEl | null;
  readonly dataset: Record<string, string | undefined>;
  readonly textContent: string | null;
  readonly outerHTML: string;
  tunelabChart?: { getOption(): { series: { type: string; data: unknown[] }[] } };
}
interface BrowserGlobals {
  document: { querySelectorAll(selector: string): Iterable<BrowserEl> & { length: number } };
  location: { hash: string };
}
/** `label → [series type:data length]` of every chart on the page (read from the ECharts instances). */
function chartSeries(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const el of (globalThis as unknown as BrowserGlobals).document.querySelectorAll("[data-chart]")) {
      const chart = el.tunelabChart;
      out[el.getAttribute("data-chart") ?? "?"] = chart
        ? chart.getOption().series.map((s) => `${s.type}:${s.data.length}`)
        : ["not ready"];
    }
    return out;
  });
}

/** Waits until `n` charts are on the page and every one has its ECharts instance. */
async function chartsReady(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (k) => {
      const els = [...(globalThis as unknown as BrowserGlobals).document.querySelectorAll("[data-chart]")];
      return els.length >= k && els.every((e) => e.dataset.ready === "true");
    },
    n,
    { timeout: 30_000 },
  );
}

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("study page (real browser)", () => {
  let dir: string;
  let storage: string;
  let app: FastifyInstance;
  let url: string;
  let browser: Browser;
  let single: Study;
  let multi: Study;

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_UI_DIR, "index.html")))
      throw new Error(`the web UI is not built (${DEFAULT_UI_DIR}): run npm run build:ui`);
    dir = await mkdtemp(join(tmpdir(), "tunelab-e2e-study-"));
    storage = `sqlite:///${join(dir, "studies.db")}`;
    // 20 trials over a float, a log float and a categorical; every 4th pruned after 3 of 5 steps
    single = await createStudy({ storage, studyName: "quadratic", sampler: new RandomSampler({ seed: 3 }) });
    await single.optimize(
      (t) => {
        const x = t.suggestFloat("x", -5, 5);
        const lr = t.suggestFloat("lr", 1e-4, 1, { log: true });
        const opt = t.suggestCategorical("optimizer", ["sgd", "adam"]);
        const value = (x - 1) ** 2 + Math.abs(Math.log10(lr) + 2) + (opt === "sgd" ? 0.5 : 0);
        for (let step = 0; step < 5; step++) {
          t.report(value + 5 - step, step);
          if (t.number % 4 === 3 && step === 2) throw new TrialPruned();
        }
        return value;
      },
      { nTrials: 20 },
    );
    multi = await createStudy({
      storage,
      studyName: "accuracy-vs-size",
      directions: ["minimize", "maximize"],
      sampler: new RandomSampler({ seed: 4 }),
    });
    await multi.setMetricNames(["size", "accuracy"]);
    await multi.optimize(
      (t) => {
        const w = t.suggestInt("width", 1, 64);
        return [w, 1 - 1 / (1 + w / 8) + t.suggestFloat("noise", 0, 0.05)];
      },
      { nTrials: 15 },
    );
    app = await buildServer({
      backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
      artifactsDestination: join(dir, "artifacts"),
      studyStorage: storage,
    });
    url = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await single?.close();
    await multi?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("lists the studies and opens one; every chart renders with the study's data", async () => {
    const page = await openPage(browser, "study-page-single");
    await page.goto(`${url}/#/studies`);
    const table = page.getByRole("table", { name: "Studies" });
    await table.getByRole("link", { name: "accuracy-vs-size" }).waitFor();
    await table.getByRole("link", { name: "quadratic" }).click();
    await page.getByRole("heading", { name: "quadratic" }).waitFor();
    await chartsReady(page, 10); // history, intermediate, importance, EDF, parallel, contour, 3 slices, timeline
    const s = await chartSeries(page);
    // 20 trials: 5 pruned (3, 7, 11, 15, 19), 15 complete
    expect(s["Optimisation history of Objective value"]).toEqual(["scatter:15", "line:15"]);
    expect(s["Intermediate values of the trials"]).toEqual(["lines:5", "lines:15", "scatter:5"]);
    expect(s["Parameter importances for Objective value"]).toEqual(["bar:3"]);
    expect(s["Empirical distribution of Objective value"]).toEqual(["line:15"]);
    expect(s["Parallel coordinates of 3 parameters and Objective value"]).toEqual(["parallel:15"]);
    const contour = Object.keys(s).find((k) => k.startsWith("Contour of Objective value over"));
    expect(contour && s[contour][1]).toBe("scatter:15");
    for (const p of ["lr", "optimizer", "x"])
      expect(s[`Slice of Objective value over ${p}`]).toEqual(["scatter:15"]);
    expect(s["Timeline of the trials by state"]?.sort()).toEqual(["custom:15", "custom:5"]);
    // importances: the server's fANOVA, largest first; x drives the objective most
    await expect(page.getByText(/fANOVA on 15 complete trials/).count()).resolves.toBe(1);
    // the trials table lists every trial
    const trials = page.locator(".study-trials");
    expect(await trials.getAttribute("data-rows")).toBe("20");
    expect(await trials.locator("tbody tr[data-trial]").count()).toBe(20);
    await page.close();
  });

  it("a multi-objective study shows its Pareto front; deep links keep objective, params, sort and selection", async () => {
    const page = await openPage(browser, "study-page-multi");
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${url}/#/studies/${multi.studyId}?objective=1&sort=value1:desc&trial=2`);
    await chartsReady(page, 6);
    // opened directly: index.html asked for the trials before the app ran, and the app used that
    // answer instead of asking again
    expect(requested.filter((p) => p.endsWith(`/studies/${multi.studyId}/trials`))).toHaveLength(1);
    const s = await chartSeries(page);
    const pareto = s["Pareto front of size and accuracy"];
    expect(pareto).toHaveLength(2);
    const [dominated, front] = pareto.map((x) => Number(x.split(":")[1]));
    expect(dominated + front).toBe(15);
    expect(front).toBeGreaterThan(0);
    expect(s["Optimisation history of accuracy"]).toEqual(["scatter:15", "line:15"]);
    await page.getByText("No trial reported intermediate values.").waitFor();
    // sorted by accuracy, largest first; trial 2 selected and described
    const first = page.locator(".study-trials tbody tr[data-trial]").first();
    const values = (await multi.trials).map((t) => t.values![1]);
    expect(Number(await first.getAttribute("data-trial"))).toBe(values.indexOf(Math.max(...values)));
    await expect(page.locator('tr[data-trial="2"]').getAttribute("aria-selected")).resolves.toBe("true");
    await page.getByRole("region", { name: "Trial 2" }).waitFor();
    await page.close();
  });

  it("updates while the study runs, keeping sort and selection; controls are labelled and keyboard reachable", async () => {
    const page = await openPage(browser, "study-page-live");
    await page.goto(`${url}/#/studies/${single.studyId}?sort=value0:asc&trial=5`);
    await chartsReady(page, 10);
    const rows = page.locator(".study-trials");
    expect(await rows.getAttribute("data-rows")).toBe("20");
    const scrollTop = () =>
      page.locator(".study-trials").evaluate((el) => {
        const box = el as unknown as { scrollTop: number };
        box.scrollTop = box.scrollTop || 60;
        return box.scrollTop;
      });
    const before = await scrollTop();
    expect(before).toBeGreaterThan(0);
    // two more trials from another process's point of view (its own storage connection)
    const worker = await createStudy({ storage, studyName: "quadratic", loadIfExists: true });
    await worker.optimize(
      (t) => {
        t.suggestFloat("lr", 1e-4, 1, { log: true });
        t.suggestCategorical("optimizer", ["sgd", "adam"]);
        return -1 - t.number; // the new best values: they sort first
      },
      { nTrials: 2 },
    );
    await worker.close();
    await page.waitForFunction(
      () =>
        [
          ...(globalThis as unknown as BrowserGlobals).document.querySelectorAll(".study-trials"),
        ][0]?.getAttribute("data-rows") === "22",
      null,
      { timeout: 20_000 },
    );
    // not rebuilt: it kept its scroll (the browser's scroll anchoring moves it by the 2 rows
    // inserted above, so the same rows stay in view)
    expect(await scrollTop()).toBeGreaterThanOrEqual(before);
    const query = new URLSearchParams(new URL(page.url()).hash.split("?")[1]);
    expect(query.get("sort")).toBe("value0:asc");
    expect(await page.locator(".study-trials tbody tr[data-trial]").first().getAttribute("data-trial")).toBe(
      "21",
    );
    await expect(page.locator('tr[data-trial="5"]').getAttribute("aria-selected")).resolves.toBe("true");
    // every control has an accessible name, and Tab reaches the method select
    const unlabelled = await page.evaluate(() =>
      [
        ...(globalThis as unknown as BrowserGlobals).document.querySelectorAll(
          "main select, main input, main button",
        ),
      ]
        .filter((el) => !el.closest("label") && !el.getAttribute("aria-label") && !el.textContent?.trim())
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    const method = page.getByLabel("Method");
    await method.focus();
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(
      () => (globalThis as unknown as BrowserGlobals).location.hash.includes("evaluator=ped-anova"),
      null,
      {
        timeout: 10_000,
      },
    );
    await page.getByText(/PED-ANOVA on \d+ complete trials/).waitFor();
    await page.close();
  });
});
