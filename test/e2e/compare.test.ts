import type { Locator, Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, openPage } from "./browser.js";
import { useFilledUi } from "./filled-ui.js";

interface Option {
  series: { type: string; name?: string; data: unknown[] }[];
  parallelAxis?: { name: string }[];
}
/** The ECharts option of a rendered chart (the Chart component puts the instance on its element). */
const optionOf = (chart: Locator) =>
  chart.evaluate((el) =>
    (el as unknown as { tunelabChart: { getOption(): Option } }).tunelabChart.getOption(),
  );

async function readyChart(page: Page, label: string): Promise<Locator> {
  const chart = page.locator(`[data-chart="${label}"][data-ready="true"]`);
  await chart.waitFor();
  expect(await chart.locator("canvas").count()).toBeGreaterThan(0);
  return chart;
}

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("compare runs", () => {
  const ui = useFilledUi();

  it("selects two runs in the table, compares them, and every chart has their data", async () => {
    const page = await openPage(ui.browser, "compare");
    await page.goto(`${ui.server.url}/#/experiments/${ui.filled.experimentId}`);
    await page.getByRole("checkbox", { name: "Select run run-01" }).check();
    await page.getByRole("checkbox", { name: "Select run run-02" }).check();
    await page.getByRole("button", { name: /^Compare/ }).click();
    await page.getByRole("heading", { name: "Compare 2 runs" }).waitFor();
    const ids = new URLSearchParams(new URL(page.url()).hash.split("?")[1]).get("runs")!.split(",");
    expect(ids.sort()).toEqual([ui.filled.runs["run-01"], ui.filled.runs["run-02"]].sort());

    const parallel = await optionOf(await readyChart(page, "Parallel coordinates of params and r2"));
    expect(parallel.parallelAxis!.map((a) => a.name)).toEqual(["depth", "loss", "lr", "r2"]);
    expect(parallel.series[0]!.data).toHaveLength(2);

    // choose rmse and the lr param through the labelled selects
    await page.getByRole("combobox", { name: "Metric" }).selectOption("rmse");
    await page.getByRole("combobox", { name: "Scatter param" }).selectOption("lr");
    const scatter = await optionOf(await readyChart(page, "Scatter of lr against rmse"));
    const points = (scatter.series[0]!.data as { name: string; value: number[] }[])
      .map((d) => [d.name, ...d.value])
      .sort();
    expect(points).toEqual([
      ["run-01", 0.03, ui.filled.rmse["run-01"]],
      ["run-02", 0.1, ui.filled.rmse["run-02"]],
    ]);

    const history = await optionOf(await readyChart(page, "History of rmse per run"));
    expect(history.series.map((s) => [s.name, s.data.length]).sort()).toEqual([
      ["run-01", 20],
      ["run-02", 20],
    ]);

    const diff = page.getByRole("table", { name: "Params diff" });
    await expect(diff.locator('tr[data-differs="true"]').count()).resolves.toBe(3); // lr, depth, loss differ
    await page.close();
  });
});
