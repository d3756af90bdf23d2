import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, openPage } from "./browser.js";
import { useFilledUi } from "./filled-ui.js";

/** The page's globals, for functions that run in the browser (the Node typecheck has no DOM lib). */
type Win = {
  location: { hash: string };
  document: {
    querySelectorAll(s: string): { length: number };
    querySelector(s: string): { complete: boolean; naturalWidth: number } | null;
  };
};
const hashHas = (page: Page, s: string) =>
  page.waitForFunction((x) => (globalThis as unknown as Win).location.hash.includes(x), s);

/** The query of the page's hash route. */
const hashQuery = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split("?")[1] ?? "");

/** Names of the run links in the runs table, top to bottom. */
const runNames = (page: Page) =>
  page.locator('table[aria-label="Runs"] tbody td:nth-child(2) a').allTextContents();

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("experiments and runs pages", () => {
  const ui = useFilledUi();

  it("lists experiments and searches them by name", async () => {
    const page = await openPage(ui.browser, "experiments-list");
    await page.goto(`${ui.server.url}/`);
    await page.getByRole("link", { name: "house-prices" }).waitFor();
    await expect(page.getByRole("link", { name: "other-exp" }).count()).resolves.toBe(1);
    await page.getByRole("searchbox", { name: "Search experiments by name" }).fill("house");
    await page.getByRole("link", { name: "other-exp" }).waitFor({ state: "detached" });
    expect(hashQuery(page).get("q")).toBe("house");
    await page.getByRole("link", { name: "house-prices" }).click();
    await page.getByRole("heading", { name: "house-prices" }).waitFor();
    await expect(runNames(page)).resolves.toHaveLength(15);
    await page.close();
  });

  it("filters runs with an MLflow search expression (kept in the URL)", async () => {
    const page = await openPage(ui.browser, "runs-filter");
    await page.goto(`${ui.server.url}/#/experiments/${ui.filled.experimentId}`);
    await page.locator('table[aria-label="Runs"]').waitFor();
    await page
      .getByRole("searchbox", { name: /Filter runs/ })
      .fill("metrics.rmse < 0.8 and params.loss = 'MAE'");
    await page.getByRole("searchbox", { name: /Filter runs/ }).press("Enter");
    const expected = Object.entries(ui.filled.rmse)
      .filter(([name, v]) => v < 0.8 && Number(name.slice(4)) % 2 === 0)
      .map(([name]) => name)
      .sort();
    await page.waitForFunction(
      (n) =>
        (globalThis as unknown as Win).document.querySelectorAll(
          'table[aria-label="Runs"] tbody td:nth-child(2) a',
        ).length === n,
      expected.length,
    );
    expect((await runNames(page)).sort()).toEqual(expected);
    expect(hashQuery(page).get("filter")).toBe("metrics.rmse < 0.8 and params.loss = 'MAE'");
    // a bad expression shows the server's error
    await page.goto(
      `${ui.server.url}/#/experiments/${ui.filled.experimentId}?filter=${encodeURIComponent("metrics.rmse <<< 1")}`,
    );
    await page.getByRole("alert").waitFor();
    await page.close();
  });

  it("sorts by a metric from a header button, ascending then descending, with the sort in the URL", async () => {
    const page = await openPage(ui.browser, "runs-sort");
    await page.goto(
      `${ui.server.url}/#/experiments/${ui.filled.experimentId}?filter=${encodeURIComponent("metrics.rmse > 0")}`,
    );
    await page.locator('table[aria-label="Runs"]').waitFor();
    const byRmse = Object.entries(ui.filled.rmse).sort((a, b) => a[1] - b[1]);
    const sortButton = page.getByRole("button", { name: "Sort by metric rmse" });
    await sortButton.click(); // numeric columns sort descending first
    await hashHas(page, "sort=metrics.rmse%3Adesc");
    expect(await runNames(page)).toEqual(byRmse.map(([n]) => n).reverse());
    await sortButton.click();
    await hashHas(page, "sort=metrics.rmse%3Aasc");
    expect(await runNames(page)).toEqual(byRmse.map(([n]) => n));
    // the deep link restores the sort
    await page.reload();
    await page.locator('table[aria-label="Runs"]').waitFor();
    expect(await runNames(page)).toEqual(byRmse.map(([n]) => n));
    await page.close();
  });

  it("opens a run: params, metrics, a history chart with data, artifacts and child runs", async () => {
    const page = await openPage(ui.browser, "run-page");
    await page.goto(`${ui.server.url}/#/experiments/${ui.filled.experimentId}`);
    await page.getByRole("link", { name: "run-00", exact: true }).click();
    await page.getByRole("heading", { name: "run-00" }).waitFor();
    const params = page.getByRole("table", { name: "Params" });
    await expect(params.getByRole("row", { name: /lr/ }).textContent()).resolves.toContain("0.01");
    const metrics = page.getByRole("table", { name: "Metrics" });
    await expect(metrics.getByRole("row", { name: /rmse/ }).textContent()).resolves.toContain(
      String(ui.filled.rmse["run-00"]),
    );
    const chart = page.locator('[data-chart="History of r2, rmse"][data-ready="true"]');
    await chart.waitFor();
    await expect(chart.locator("canvas").count()).resolves.toBeGreaterThan(0);
    const series = await chart.evaluate((el) => {
      const o = (
        el as unknown as { tunelabChart: { getOption(): { series: { name: string; data: number[][] }[] } } }
      ).tunelabChart.getOption();
      return o.series.map((s) => ({ name: s.name, n: s.data.length, last: s.data[s.data.length - 1] }));
    });
    expect(series).toEqual([
      { name: "r2", n: 1, last: [0, 1 - ui.filled.rmse["run-00"]! / 2] },
      { name: "rmse", n: 20, last: [19, ui.filled.rmse["run-00"]] },
    ]);
    // log scale toggle goes to the URL and the axis
    await page.getByRole("checkbox", { name: "Log scale" }).check();
    await hashHas(page, "log=1");
    await expect(
      chart.evaluate(
        (el) =>
          (
            el as unknown as { tunelabChart: { getOption(): { yAxis: { type: string }[] } } }
          ).tunelabChart.getOption().yAxis[0]!.type,
      ),
    ).resolves.toBe("log");
    // artifacts: JSON, CSV, image
    await page.getByRole("button", { name: "summary.json" }).click();
    await expect(page.locator('pre[data-preview="summary.json"]').textContent()).resolves.toContain(
      '"depth": 4',
    );
    await page.getByRole("button", { name: "cv.csv" }).click();
    const csv = page.getByRole("table", { name: "Preview of cv.csv" });
    await csv.waitFor();
    await expect(csv.getByRole("row").count()).resolves.toBe(3);
    await page.getByRole("button", { name: "plot.png" }).click();
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as Win).document.querySelector('img[alt="plot.png"]');
      return img?.complete && img.naturalWidth === 1;
    });
    await page.getByRole("button", { name: /notes/ }).click();
    await page.getByRole("button", { name: "readme.txt" }).click();
    await expect(page.locator('pre[data-preview="notes/readme.txt"]').textContent()).resolves.toContain(
      "hello from the run",
    );
    // parent / children
    await page.goto(`${ui.server.url}/#/runs/${ui.filled.runs.parent}`);
    await page.getByRole("link", { name: "child-a" }).click();
    await page.getByRole("heading", { name: "child-a" }).waitFor();
    await page.getByRole("link", { name: ui.filled.runs.parent! }).waitFor();
    await page.close();
  });
});
