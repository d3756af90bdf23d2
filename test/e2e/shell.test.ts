import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeIf } from "../helpers/requires.js";
import { hasChromium, launchChromium, openPage } from "./browser.js";
import { startUiServer, type UiServer } from "./ui-server.js";

describeIf(hasChromium, "chromium (apt-get install -y chromium)")("app shell", () => {
  let server: UiServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startUiServer();
    await server.client.createExperiment("shell-exp");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists experiments, navigates to Studies and toggles the theme", async () => {
    const page = await openPage(browser, "shell");
    await page.goto(`${server.url}/#/experiments`);
    await page.getByRole("link", { name: "shell-exp" }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Studies" }).click();
    expect(new URL(page.url()).hash).toBe("#/studies");
    const before = await page.locator("html").getAttribute("data-theme");
    await page.getByRole("button", { name: /Switch to (dark|light) theme/ }).click();
    const after = await page.locator("html").getAttribute("data-theme");
    expect(after).not.toBe(before);
    expect(["light", "dark"]).toContain(after);
    await page.close();
  });
});
