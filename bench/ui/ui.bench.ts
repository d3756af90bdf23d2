/**
 * bench:ui — the web UI on an experiment with 10,000 runs, in Debian's chromium (playwright-core).
 *
 * - first meaningful paint: from navigation start to the first painted frame with run rows in the
 *   table (performance mark `tunelab:first-rows`, set in the next animation frame). Target < 1 s.
 * - all runs loaded: the same page once every page of runs has arrived (page tokens, 1,000 a page).
 * - sort by a metric: from the click on the column's sort button to the painted frame with the
 *   re-sorted rows (`tunelab:sort-start` → `tunelab:sort-painted`), over all 10,000 rows. Target < 200 ms.
 *
 * Side by side with MLflow's UI (`mlflow server`, same runs, same browser) when the venv has
 * mlflow: time from navigation to the newest run's name visible in the runs table, for both UIs
 * measured the same way (MLflow shows its first 100 runs; tunelab its first page of 200). MLflow's
 * runs are written by bench/ui/mlflow_fill.py.
 *
 * Each figure is the median of BENCH_REPEATS (5) page loads / sort clicks, after one warm-up load.
 * The load average is printed: on a shared 2-core machine wall times swing with it.
 * Env: BENCH_UI_RUNS (10000), BENCH_REPEATS (5), TUNELAB_CHROMIUM, TUNELAB_VENV, BENCH_UI_MLFLOW=0 (skip).
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { homedir, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildServer, DEFAULT_UI_DIR } from "../../src/server/index.js";
import { fillRuns } from "./fill-runs.js";
import { startMlflowUi } from "./mlflow-ui.js";

const N = Number(process.env.BENCH_UI_RUNS ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const CHROMIUM =
  process.env.TUNELAB_CHROMIUM ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

type Win = {
  performance: { getEntriesByName(n: string): { startTime: number }[]; clearMarks(): void };
  document: { querySelectorAll(s: string): { length: number } };
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(", ")})`;

const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");

/** ms from navigation to the newest run's name being visible (the same probe for both UIs). */
async function newestVisible(browser: Browser, link: string): Promise<number> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await p.goto(link);
  await p
    .getByText(`trial-${N - 1}`, { exact: true })
    .first()
    .waitFor({ timeout: 120_000 });
  const t = await p.evaluate(() => performance.now());
  await p.close();
  return t;
}

async function sideBySide(browser: Browser, tunelabLink: string, dir: string): Promise<void> {
  if (process.env.BENCH_UI_MLFLOW === "0" || !existsSync(join(VENV, "bin", "mlflow"))) {
    process.stdout.write("MLflow UI: skipped (no mlflow in $TUNELAB_VENV or BENCH_UI_MLFLOW=0)\n");
    return;
  }
  const mlflow = await startMlflowUi(VENV, join(dir, "mlflow"), N);
  try {
    const ours: number[] = [];
    const theirs: number[] = [];
    await newestVisible(browser, tunelabLink);
    await newestVisible(browser, mlflow.runsLink);
    for (let i = 0; i < REPEATS; i++) {
      ours.push(await newestVisible(browser, tunelabLink));
      theirs.push(await newestVisible(browser, mlflow.runsLink));
    }
    process.stdout.write(`newest run visible, tunelab UI:   ${fmt(ours)}\n`);
    process.stdout.write(`newest run visible, MLflow UI:    ${fmt(theirs)}\n`);
    process.stdout.write(
      `ratio MLflow / tunelab:           ${(median(theirs) / median(ours)).toFixed(1)}x\n`,
    );
  } finally {
    await mlflow.close();
  }
}

const markTime = (page: Page, name: string) =>
  page
    .waitForFunction(
      (n) => (globalThis as unknown as Win).performance.getEntriesByName(n)[0]?.startTime,
      name,
      { polling: 10 },
    )
    .then(async (h) => Number(await h.jsonValue()));

async function main(): Promise<void> {
  if (!CHROMIUM) throw new Error("bench:ui needs chromium: apt-get install -y chromium");
  if (!existsSync(join(DEFAULT_UI_DIR, "index.html")))
    throw new Error("the UI is not built: npm run build:ui");
  const dir = await mkdtemp(join(tmpdir(), "bench-ui-"));
  const store = `sqlite:///${join(dir, "store.db")}`;
  const artifacts = join(dir, "artifacts");
  process.stdout.write(`load average (1 min) at the start: ${loadavg()[0]!.toFixed(1)}\n`);
  const t = performance.now();
  const experimentId = await fillRuns(store, artifacts, N);
  process.stdout.write(`logged ${N} runs in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const app = await buildServer({ backendStore: store, artifactsDestination: artifacts });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const link = `${url}/#/experiments/${experimentId}?cols=metrics.rmse,metrics.r2,params.depth,params.learning_rate`;
    await page.goto(link); // warm-up: the server's first search, the browser's HTTP cache
    await markTime(page, "tunelab:first-rows");
    const paints: number[] = [];
    const loadedAll: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(link);
      paints.push(await markTime(p, "tunelab:first-rows"));
      await p.waitForFunction(
        (n) =>
          (globalThis as unknown as Win).document.querySelectorAll("[data-testid=runs-count]").length > 0 &&
          (
            globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
          ).document
            .querySelector("[data-testid=runs-count]")
            .textContent.startsWith(`${n} runs`),
        N,
        { polling: 20, timeout: 120_000 },
      );
      loadedAll.push(await p.evaluate(() => performance.now()));
      await p.close();
    }
    process.stdout.write(`first meaningful paint, ${N} runs: ${fmt(paints)}  (target < 1000 ms)\n`);
    process.stdout.write(`all ${N} runs loaded:            ${fmt(loadedAll)}\n`);

    // sort: every page is loaded, so each click sorts all N rows
    await page.waitForFunction(
      (n) =>
        (
          globalThis as unknown as { document: { querySelector(s: string): { textContent: string } } }
        ).document
          .querySelector("[data-testid=runs-count]")
          .textContent.startsWith(`${n} runs`),
      N,
      { polling: 20, timeout: 120_000 },
    );
    const sorts: number[] = [];
    for (let i = 0; i < REPEATS * 2; i++) {
      const button = page.getByRole("button", {
        name: i % 4 < 2 ? "Sort by metric rmse" : "Sort by param depth",
      });
      await page.evaluate(() => performance.clearMarks());
      await button.click();
      const start = await markTime(page, "tunelab:sort-start");
      const end = await markTime(page, "tunelab:sort-painted");
      sorts.push(end - start);
    }
    process.stdout.write(`sort ${N} rows by a column:       ${fmt(sorts)}  (target < 200 ms)\n`);
    await sideBySide(browser, link, dir);
    process.stdout.write(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on 2 cores\n`);
  } finally {
    await browser.close();
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
