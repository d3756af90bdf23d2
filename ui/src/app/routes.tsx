import { lazy, Suspense } from "react";
import { Loading } from "../components/states";
import { ExperimentsPage } from "../experiments/ExperimentsPage";
import { RunsPage } from "../experiments/RunsPage";
import type { RouteDef } from "../router/match";
import { studiesNav, studiesRoutes } from "../studies/routes";
import type { NavItem } from "./nav";

// pages with charts load in their own chunks (with ECharts), after the first paint
const RunPage = lazy(() => import("../runs/RunPage").then((m) => ({ default: m.RunPage })));
const ComparePage = lazy(() => import("../compare/ComparePage").then((m) => ({ default: m.ComparePage })));

const lazyPage = (node: React.ReactNode) => <Suspense fallback={<Loading what="page" />}>{node}</Suspense>;

/**
 * Every page of the UI, first match wins. Deep links: `#/experiments`,
 * `#/experiments/:id?filter=&sort=&cols=`, `#/runs/:runId?metrics=&x=&log=`,
 * `#/compare?runs=a,b&metric=`, and the studies area's routes.
 */
export const routes: readonly RouteDef[] = [
  { pattern: "/", render: (_p, loc) => <ExperimentsPage query={loc.query} /> },
  { pattern: "/experiments", render: (_p, loc) => <ExperimentsPage query={loc.query} /> },
  {
    pattern: "/experiments/:experimentId",
    render: (p, loc) => <RunsPage key={p.experimentId} experimentId={p.experimentId!} query={loc.query} />,
  },
  { pattern: "/runs/:runId", render: (p, loc) => lazyPage(<RunPage runId={p.runId!} query={loc.query} />) },
  { pattern: "/compare", render: (_p, loc) => lazyPage(<ComparePage query={loc.query} />) },
  ...studiesRoutes,
];

/** The top navigation. */
export const navItems: readonly NavItem[] = [
  { label: "Experiments", path: "/experiments", prefix: "/experiments" },
  studiesNav,
];
