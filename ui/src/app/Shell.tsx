import { Empty } from "../components/states";
import { useLocation } from "../router/hash-router";
import { Link } from "../router/link";
import { renderRoute } from "../router/match";
import { navItems, routes } from "./routes";
import { useTheme } from "./theme";

/** Header (brand, navigation, theme toggle) and the current page. */
export function Shell() {
  const location = useLocation();
  const { theme, toggle } = useTheme();
  const path = location.path === "/" ? "/experiments" : location.path;
  const current = (prefix: string) =>
    path === prefix ||
    path.startsWith(`${prefix}/`) ||
    (prefix === "/experiments" && /^\/(runs|compare)\b/.test(path));
  return (
    <div className="shell">
      <header className="shell-header">
        <Link to="/experiments" className="brand">
          tunelab
        </Link>
        <nav aria-label="Main">
          {navItems.map((n) => (
            <Link key={n.path} to={n.path} aria-current={current(n.prefix) ? "page" : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <button
          type="button"
          onClick={toggle}
          aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
          title="Toggle theme"
        >
          {theme === "dark" ? "☀ Light" : "☾ Dark"}
        </button>
      </header>
      <main className="shell-main">
        {renderRoute(routes, location, <Empty>No page at {location.path}.</Empty>)}
      </main>
    </div>
  );
}
