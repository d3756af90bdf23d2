import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { onTestFailed } from "vitest";

/** Debian's chromium (apt-get install -y chromium), or $TUNELAB_CHROMIUM. */
export const CHROMIUM_PATH =
  process.env.TUNELAB_CHROMIUM ??
  ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ??
  "/usr/bin/chromium";

/** True when a chromium binary is installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Launches headless chromium with the flags a container needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * A fresh page for one test; when the test fails, a screenshot goes to
 * `test-results/<name>.png` (the page is closed after the test either way).
 */
export async function openPage(browser: Browser, name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  onTestFailed(async () => {
    await mkdir("test-results", { recursive: true });
    const file = join("test-results", `${name.replace(/[^\w.-]+/g, "_")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    if (errors.length) process.stderr.write(`page errors in ${name}:\n${errors.join("\n")}\n`);
    process.stderr.write(`screenshot: ${file}\n`);
  });
  return page;
}
