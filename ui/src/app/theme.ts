import { useCallback, useSyncExternalStore } from "react";

/** Light or dark; stored in localStorage, defaulting to the system's preference. */
export type Theme = "light" | "dark";

const KEY = "tunelab.theme";
const listeners = new Set<() => void>();

function initial(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === "light" || saved === "dark") return saved;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

let current: Theme = initial();
document.documentElement.dataset.theme = current;

/** Sets the theme for the whole page (the `data-theme` attribute drives the CSS variables). */
export function setTheme(t: Theme): void {
  current = t;
  localStorage.setItem(KEY, t);
  document.documentElement.dataset.theme = t;
  for (const l of listeners) l();
}

/** The current theme and a toggle; charts re-render with it. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const theme = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
  const toggle = useCallback(() => setTheme(current === "dark" ? "light" : "dark"), []);
  return { theme, toggle };
}
