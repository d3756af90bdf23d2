import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, openPage } from "./browser.js";
import { useFilledUi } from "./filled-ui.js";

type El = {
  tagName: string;
  getAttribute(n: string): string | null;
  textContent: string | null;
  labels?: { length: number } | null;
};
type Doc = {
  activeElement: El | null;
  querySelectorAll(s: string): ArrayLike<El & { getAttribute(n: string): string | null }>;
};

/** Tabs through the page (at most `max` presses) and names each focused element. */
async function tabStops(page: Page, max: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const d = await page.evaluate(() => {
      const a = (globalThis as unknown as { document: Doc }).document.activeElement;
      if (!a) return "";
      return `${a.tagName.toLowerCase()}:${a.getAttribute("aria-label") ?? a.textContent?.trim() ?? ""}`;
    });
    seen.push(d);
  }
  return seen;
}

/** Controls without an accessible name (aria-label, a <label>, or text). */
const unlabelled = (page: Page) =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document;
    const bad: string[] = [];
    const els = d.querySelectorAll("button, input, select, a[href]");
    for (let i = 0; i < els.length; i++) {
      const e = els[i]!;
      const named =
        (e.getAttribute("aria-label") ?? "").trim() !== "" ||
        (e.labels?.length ?? 0) > 0 ||
        (e.textContent ?? "").trim() !== "" ||
        (e.getAttribute("title") ?? "") !== "";
      if (!named) bad.push(`${e.tagName}`);
    }
    return bad;
  });

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("keyboard and labels", () => {
  const ui = useFilledUi();

  it("reaches the filter, column chooser, sort buttons and row checkboxes by Tab; sorts with Enter", async () => {
    const page = await openPage(ui.browser, "a11y-runs");
    await page.goto(`${ui.server.url}/#/experiments/${ui.filled.experimentId}`);
    await page.locator('table[aria-label="Runs"]').waitFor();
    const stops = await tabStops(page, 30);
    expect(stops).toContain("button:Switch to dark theme");
    expect(stops).toContain("input:Filter runs (MLflow search syntax)");
    expect(stops.some((s) => s.startsWith("button:Columns"))).toBe(true);
    expect(stops).toContain("button:Sort by metric rmse");
    expect(stops).toContain("input:Select all runs shown");
    // Enter on a focused sort button sorts
    await page.getByRole("button", { name: "Sort by metric r2" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      (globalThis as unknown as { location: { hash: string } }).location.hash.includes("sort=metrics.r2"),
    );
    expect(await unlabelled(page)).toEqual([]);
    await page.close();
  });

  it("labels every control on the run and compare pages", async () => {
    const page = await openPage(ui.browser, "a11y-run");
    await page.goto(`${ui.server.url}/#/runs/${ui.filled.runs["run-00"]}`);
    await page.locator('[data-chart][data-ready="true"]').first().waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await page.goto(
      `${ui.server.url}/#/compare?runs=${ui.filled.runs["run-00"]},${ui.filled.runs["run-01"]}`,
    );
    await page.locator('[data-chart][data-ready="true"]').first().waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await page.close();
  });
});
