import { lazy, Suspense } from "react";
import type { NavItem } from "../app/nav";
import { Loading } from "../components/states";
import type { RouteDef } from "../router/match";
import { StudiesPage } from "./StudiesPage";

// the study page (ECharts and every chart) loads in its own chunk
const StudyPage = lazy(() => import("./StudyPage").then((m) => ({ default: m.StudyPage })));

/** The Studies entry of the top navigation. */
export const studiesNav: NavItem = { label: "Studies", path: "/studies", prefix: "/studies" };

/** `#/studies?q=` and `#/studies/:studyId?objective=&x=&y=&params=&evaluator=&px=&py=&sort=&trial=`. */
export const studiesRoutes: readonly RouteDef[] = [
  { pattern: "/studies", render: (_p, loc) => <StudiesPage query={loc.query} /> },
  {
    pattern: "/studies/:studyId",
    render: (p, loc) => (
      <Suspense fallback={<Loading what="page" />}>
        <StudyPage key={p.studyId} studyId={p.studyId!} query={loc.query} />
      </Suspense>
    ),
  },
];
