import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser.js";
import { type Filled, fillStore } from "./fill-store.js";
import { startUiServer, type UiServer } from "./ui-server.js";

/** A UI server on a store filled by {@link fillStore}, and a browser; set once `beforeAll` ran. */
export interface FilledUi {
  server: UiServer;
  browser: Browser;
  filled: Filled;
}

/** Registers the suite's hooks that start (and stop) a {@link FilledUi}; read its fields inside tests. */
export function useFilledUi(): FilledUi {
  const ui = {} as FilledUi;
  beforeAll(async () => {
    ui.server = await startUiServer();
    ui.filled = await fillStore(ui.server);
    ui.browser = await launchChromium();
  });
  afterAll(async () => {
    await ui.browser?.close();
    await ui.server?.close();
  });
  return ui;
}
