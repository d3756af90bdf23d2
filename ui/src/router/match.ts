import type { ReactNode } from "react";
import type { Location } from "./hash-router";

/** One page: a path pattern with `:name` segments, and what to render for a match. */
export interface RouteDef {
  /** e.g. `/experiments/:experimentId`. */
  readonly pattern: string;
  readonly render: (params: Record<string, string>, location: Location) => ReactNode;
}

/** The params of `path` if it matches `pattern`, else undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const ps = pattern.split("/").filter(Boolean);
  const xs = path.split("/").filter(Boolean);
  if (ps.length !== xs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (p.startsWith(":")) params[p.slice(1)] = decodeURIComponent(xs[i]!);
    else if (p !== xs[i]) return undefined;
  }
  return params;
}

/** Renders the first route matching the location, or `fallback`. */
export function renderRoute(routes: readonly RouteDef[], location: Location, fallback: ReactNode): ReactNode {
  for (const r of routes) {
    const params = matchPath(r.pattern, location.path);
    if (params) return r.render(params, location);
  }
  return fallback;
}
