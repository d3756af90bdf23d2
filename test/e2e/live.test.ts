import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, launchChromium, openPage } from "./browser.js";
import { artifactLocation, startUiServer, type UiServer } from "./ui-server.js";

type Box = { top: number; left: number };
type Win = {
  document: {
    querySelector(s: string): { getBoundingClientRect(): Box } | null;
    elementFromPoint(
      x: number,
      y: number,
    ): { closest(s: string): { textContent: string | null } | null } | null;
  };
};
/** The name of the run in the first row visible below the table's header. */
const topVisibleRun = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as Win).document;
    const box = d.querySelector("[data-testid=runs-scroll]")!.getBoundingClientRect();
    const row = d.elementFromPoint(box.left + 150, box.top + 45)?.closest("tr");
    return row?.textContent ?? "";
  });

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("live updates", () => {
  let server: UiServer;
  let browser: Browser;
  let experimentId: string;
  beforeAll(async () => {
    server = await startUiServer();
    const { client } = server;
    experimentId = await client.createExperiment("live", {
      artifactLocation: artifactLocation(server, "live"),
    });
    for (let i = 0; i < 200; i++) {
      const r = await client.createRun(experimentId, { runName: `t-${i}`, startTime: 1_700_000_000_000 + i });
      await client.logMetric(r.info.runId, "loss", i / 200);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows runs logged after the page opened, keeping scroll, sort and selection", async () => {
    const page = await openPage(browser, "live");
    await page.goto(
      `${server.url}/#/experiments/${experimentId}?sort=${encodeURIComponent("metrics.loss:asc")}`,
    );
    await page.getByText("200 runs").waitFor();
    await page.getByRole("checkbox", { name: "Select run t-0", exact: true }).check();
    await page.locator("[data-testid=runs-scroll]").evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 900;
    });
    const before = await topVisibleRun(page);
    expect(before).toMatch(/^t-\d+/);
    expect(before).not.toMatch(/^t-0\b/);
    // a new run with the lowest loss: it sorts to the top once a poll brings it
    const r = await server.client.createRun(experimentId, {
      runName: "late-run",
      startTime: 1_800_000_000_000,
    });
    await server.client.logMetric(r.info.runId, "loss", -1);
    await page.getByText("201 runs, 1 selected").waitFor({ timeout: 20_000 });
    expect(await topVisibleRun(page)).toBe(before); // the same rows stay in view
    expect(new URL(page.url()).hash).toContain("sort=metrics.loss%3Aasc");
    await page.locator("[data-testid=runs-scroll]").evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.getByRole("link", { name: "late-run" }).waitFor();
    const first = page.locator('table[aria-label="Runs"] tbody td:nth-child(2) a').first();
    await expect(first.textContent()).resolves.toBe("late-run");
    await expect(
      page.getByRole("checkbox", { name: "Select run t-0", exact: true }).isChecked(),
    ).resolves.toBe(true);
    await page.close();
  });
});
