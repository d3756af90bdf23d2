import type { NavItem } from "../app/nav";
import { Empty } from "../components/states";
import type { RouteDef } from "../router/match";

/**
 * Studies pages (placeholder). The studies area owns ui/src/studies/: it replaces this file's
 * routes and nav entry; the app shell picks them up from here.
 */
export const studiesNav: NavItem = { label: "Studies", path: "/studies", prefix: "/studies" };

export const studiesRoutes: readonly RouteDef[] = [
  {
    pattern: "/studies",
    render: () => <Empty>Studies pages are coming (issue 7, part 2).</Empty>,
  },
];
