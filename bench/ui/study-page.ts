/**
 * bench:ui-study — a study with 5,000 trials (4 params, 20 intermediate values each, 25% pruned)
 * on its study page, in Debian's chromium, plus the study API side by side with optuna-dashboard
 * reading the same SQLite file.
 *
 * - all charts rendered: from navigation start to the frame after every chart of the page
 *   (history, intermediate values, importances, EDF, parallel coordinates, contour, 4 slices,
 *   timeline: 11) has its data, measured in the page. Target < 2 s. "cold": a fresh server (first
 *   read of the study, fANOVA computed); "warm": later loads (server caches filled, as on a
 *   reload or a second tab).
 * - API: all trials with intermediate values (tunelab `GET /api/tunelab/studies/1/trials`,
 *   optuna-dashboard `GET /api/studies/1?after=0`) and fANOVA importances (tunelab
 *   `.../importances`, optuna-dashboard `.../param_importances`), first call and median of repeats.
 *
 * Medians of BENCH_REPEATS (5). Env: BENCH_UI_TRIALS (5000), BENCH_REPEATS, TUNELAB_CHROMIUM,
 * TUNELAB_VENV (optuna-dashboard peer; `--skip-peers` to leave it out).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { buildServer, DEFAULT_UI_DIR } from "../../src/server/index.js";
import { fillBenchStudy } from "./study-fixture.js";

const N = Number(process.env.BENCH_UI_TRIALS ?? 5000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const CHARTS = 11;
const CHROMIUM =
  process.env.TUNELAB_CHROMIUM ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const VENV = process.env.TUNELAB_VENV ?? join(homedir(), ".cache", "tunelab-venv");
const skipPeers = process.argv.includes("--skip-peers");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const out = (line: string) => process.stdout.write(`${line}\n`);

/**
 * CPU time (ms) of each of this process's descendants (chromium's processes), by pid: the machine
 * is shared, so wall times swell with other jobs while CPU time stays close to what a quiet
 * machine needs.
 */
function browserCpuMs(): Map<number, number> {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(f[1]));
      cpu.set(Number(d), Number(f[11]) + Number(f[12])); // utime + stime, in clock ticks (100 Hz)
    } catch {
      // the process ended meanwhile
    }
  }
  const ours = new Map<number, number>();
  for (const [pid, t] of cpu) {
    let p = parent.get(pid);
    while (p !== undefined && p > 1 && p !== process.pid) p = parent.get(p);
    if (p === process.pid) ours.set(pid, t * 10);
  }
  return ours;
}

/**
 * CPU time the browser spent since `before`, per process: a process that ended meanwhile (the
 * previous tab's renderer) must not count against this load.
 */
function browserCpuSince(before: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of browserCpuMs()) ms += t - (before.get(pid) ?? 0);
  return ms;
}

/**
 * Wall time of a page load (in the page), and the CPU time the browser and the server spent on
 * it (read before the tab closes: a closed tab's renderer process takes its CPU time with it).
 */
async function measureLoad(
  browser: Browser,
  url: string,
): Promise<LoadTimes & { browserCpu: number; serverCpu: number }> {
  let cpu = { browserCpu: Number.NaN, serverCpu: Number.NaN };
  const b0 = browserCpuMs();
  const s0 = process.cpuUsage();
  const times = await renderTime(browser, url, () => {
    const s1 = process.cpuUsage(s0);
    cpu = { browserCpu: browserCpuSince(b0), serverCpu: (s1.user + s1.system) / 1000 };
  });
  return { ...times, ...cpu };
}

/** In-page times (ms from navigation start) of one load. */
interface LoadTimes {
  /** All charts painted. */
  readonly all: number;
  /** The last byte of the trials, and of the importances (the server's share ends there). */
  readonly trials: number;
  readonly importances: number;
}

/** Opens the study page in a new tab; resolves with the in-page times (all charts painted, data received). */
async function renderTime(browser: Browser, url: string, beforeClose?: () => void): Promise<LoadTimes> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(url);
    // a string: tsx would wrap named functions in a helper the page does not have
    const t = await page.evaluate<LoadTimes>(`new Promise((resolve) => {
      const end = (path) => Math.max(...performance.getEntriesByType("resource")
        .filter((e) => new URL(e.name).pathname.endsWith(path)).map((e) => e.responseEnd));
      const check = () => {
        const els = [...document.querySelectorAll("[data-chart]")];
        if (els.length >= ${CHARTS} && els.every((e) => e.dataset.ready === "true"))
          requestAnimationFrame(() => requestAnimationFrame(() => resolve({
            all: performance.now(), trials: end("/trials"), importances: end("/importances"),
          })));
        else requestAnimationFrame(check);
      };
      check();
    })`);
    beforeClose?.();
    return t;
  } finally {
    await page.close();
  }
}

/** Time of one GET (ms) and its body size. */
async function timeGet(url: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return { ms: performance.now() - t, bytes: body.byteLength };
}

/** First call and median of the repeats (ms). */
async function apiTimes(label: string, url: string): Promise<{ first: number; median: number }> {
  const first = await timeGet(url);
  const rest: number[] = [];
  for (let i = 0; i < REPEATS; i++) rest.push((await timeGet(url)).ms);
  out(`  ${label}: first ${first.ms.toFixed(0)} ms, then ${fmt(rest)}, ${(first.bytes / 1e6).toFixed(2)} MB`);
  return { first: first.ms, median: median(rest) };
}

/** optuna-dashboard on the same file; resolves with its base URL once it answers. */
async function startDashboard(dbPath: string): Promise<{ url: string; child: ChildProcess } | undefined> {
  const bin = join(VENV, "bin", "optuna-dashboard");
  if (!existsSync(bin)) {
    out(`optuna-dashboard: not in ${VENV} (pip install optuna-dashboard): peer skipped`);
    return undefined;
  }
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(bin, [`sqlite:///${dbPath}`, "--host", "127.0.0.1", "--port", String(port)], {
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/studies`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error("optuna-dashboard did not start in 60 s");
}

async function main(): Promise<void> {
  if (!CHROMIUM) throw new Error("bench:ui-study needs chromium: apt-get install -y chromium");
  if (!existsSync(join(DEFAULT_UI_DIR, "index.html")))
    throw new Error("the UI is not built: npm run build:ui");
  const dir = await mkdtemp(join(tmpdir(), "bench-ui-study-"));
  const dbPath = join(dir, "studies.db");
  const storage = `sqlite:///${dbPath}`;
  let t = performance.now();
  const studyId = await fillBenchStudy({ storage, nTrials: N });
  out(`filled a study with ${N} trials in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const open = async () => {
    const app = await buildServer({
      backendStore: `sqlite:///${join(dir, "tunelab.db")}`,
      artifactsDestination: join(dir, "artifacts"),
      studyStorage: storage,
    });
    return { app, url: await app.listen({ host: "127.0.0.1", port: 0 }) };
  };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  let peer: Awaited<ReturnType<typeof startDashboard>>;
  try {
    // the page, cold server (a fresh server per load: first read of the study, fANOVA computed)
    const cold: Awaited<ReturnType<typeof measureLoad>>[] = [];
    for (let i = 0; i < Math.min(3, REPEATS); i++) {
      const { app, url } = await open();
      cold.push(await measureLoad(browser, `${url}/#/studies/${studyId}`));
      await app.close();
    }
    const { app, url } = await open();
    await renderTime(browser, `${url}/#/studies/${studyId}`); // fills the server's caches
    const warm: Awaited<ReturnType<typeof measureLoad>>[] = [];
    for (let i = 0; i < REPEATS; i++) warm.push(await measureLoad(browser, `${url}/#/studies/${studyId}`));
    out(`study page, ${N} trials, ${CHARTS} charts rendered (target < 2000 ms):`);
    for (const [label, xs] of [
      ["cold server", cold],
      ["warm server", warm],
    ] as const) {
      out(`  ${label}: wall ${fmt(xs.map((x) => x.all))}`);
      out(
        `    in the page: trials received at ${fmt(xs.map((x) => x.trials))}, importances at ` +
          `${fmt(xs.map((x) => x.importances))}`,
      );
      out(`    CPU: browser ${fmt(xs.map((x) => x.browserCpu))}, server ${fmt(xs.map((x) => x.serverCpu))}`);
    }

    out("study API, tunelab:");
    const base = `${url}/api/tunelab/studies/${studyId}`;
    const { app: fresh, url: freshUrl } = await open();
    t = performance.now();
    await timeGet(`${freshUrl}/api/tunelab/studies/${studyId}/version`);
    out(`  first read of the study by a fresh server: ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    await timeGet(`${freshUrl}/api/tunelab/studies/${studyId}/importances`);
    const firstFanova = performance.now() - t;
    out(`  fANOVA importances, first computation: ${firstFanova.toFixed(0)} ms`);
    await fresh.close();
    const ours = {
      trials: await apiTimes("all trials with intermediate values", `${base}/trials`),
      importances: await apiTimes("fANOVA importances (cached)", `${base}/importances`),
      version: await apiTimes("version (the poll)", `${base}/version`),
    };
    await app.close();

    peer = skipPeers ? undefined : await startDashboard(dbPath);
    if (peer) {
      out("study API, optuna-dashboard (same file):");
      const theirs = {
        trials: await apiTimes("all trials", `${peer.url}/api/studies/${studyId}?after=0`),
        importances: await apiTimes("importances", `${peer.url}/api/studies/${studyId}/param_importances`),
      };
      const r = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
      out(
        `ratios optuna-dashboard / tunelab: all trials ${r(theirs.trials.median, ours.trials.median)} (medians), ` +
          `first importances ${r(theirs.importances.first, firstFanova)}, cached importances ` +
          `${r(theirs.importances.median, ours.importances.median)}`,
      );
    }
  } finally {
    peer?.child.kill();
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
