import { useSyncExternalStore } from "react";

/**
 * A small hash router: the location is `#/path?query`, so every page and filter is a deep link
 * that works without any server-side routing (the server still falls back to index.html).
 */

/** The current location: path segments after `#` and the query parameters. */
export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

function read(): string {
  const h = window.location.hash.replace(/^#/, "");
  return h.startsWith("/") ? h : `/${h}`;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener("hashchange", cb);
  return () => window.removeEventListener("hashchange", cb);
}

/** Parses `"/a/b?x=1"` into a {@link Location}. */
export function parseLocation(href: string): Location {
  const i = href.indexOf("?");
  return {
    path: i < 0 ? href : href.slice(0, i),
    query: new URLSearchParams(i < 0 ? "" : href.slice(i + 1)),
  };
}

/** The current location; re-renders on every hash change. */
export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, read, () => "/");
  // parse per render is cheap; callers memoise on `href` through the query string
  return parseLocation(href);
}

/** The href of a path and query (empty values dropped). */
export function hrefOf(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ""}`;
}

/** Goes to `path?query`; `replace` keeps history short for filter edits. */
export function navigate(
  path: string,
  query: Record<string, string | undefined> = {},
  replace = false,
): void {
  const href = hrefOf(path, query);
  if (replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  // pushState fires no hashchange: tell subscribers ourselves
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** Sets some query parameters of the current location, keeping the others (replaces history). */
export function setQuery(changes: Record<string, string | undefined>): void {
  const { path, query } = parseLocation(read());
  const next: Record<string, string | undefined> = Object.fromEntries(query.entries());
  Object.assign(next, changes);
  navigate(path, next, true);
}
