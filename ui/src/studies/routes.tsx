import type { NavItem } from "../app/nav";
import type { RouteDef } from "../router/match";
import { StudiesPage } from "./StudiesPage";
// in the main chunk (about 25 kB), not lazily: React holds a lazy page's fallback for at least
// 300 ms, and the page's requests start only when it renders. ECharts, the bulk of the charts'
// code, still loads in its own chunk (see echarts-loader).
import { StudyPage } from "./StudyPage";

/** The Studies entry of the top navigation. */
export const studiesNav: NavItem = { label: "Studies", path: "/studies", prefix: "/studies" };

/** `#/studies?q=` and `#/studies/:studyId?objective=&x=&y=&params=&evaluator=&px=&py=&sort=&trial=`. */
export const studiesRoutes: readonly RouteDef[] = [
  { pattern: "/studies", render: (_p, loc) => <StudiesPage query={loc.query} /> },
  {
    pattern: "/studies/:studyId",
    render: (p, loc) => <StudyPage key={p.studyId} studyId={p.studyId!} query={loc.query} />,
  },
];
