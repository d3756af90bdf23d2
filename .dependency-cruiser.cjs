/**
 * Module rules of DESIGN.md, checked by `npm run lint`.
 * tune, track, data and gbdt are independent; integrations is where they meet;
 * other modules only reach a module through its index.ts.
 */
const core = ["tune", "track", "data", "gbdt"];
const others = (m) => core.filter((x) => x !== m).join("|");

module.exports = {
  forbidden: [
    ...core.map((m) => ({
      name: `${m}-is-independent`,
      comment: `src/${m} must not import the other core modules (${others(m)}); use src/integrations`,
      severity: "error",
      from: { path: `^src/${m}/` },
      to: { path: `^src/(${others(m)})/` },
    })),
    {
      name: "only-tune-and-track-use-db",
      comment: "src/db is shared SQL plumbing for tune and track (and server/cli)",
      severity: "error",
      from: { path: "^src/(data|gbdt)/" },
      to: { path: "^src/db/" },
    },
    {
      name: "db-is-a-leaf",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/(tune|track|data|gbdt|integrations|server|cli)/" },
    },
    {
      name: "nobody-imports-cli",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/cli/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "only-cli-imports-server",
      comment:
        "the server is an application of the modules; only the CLI and the package root (re-exports) reach it",
      severity: "error",
      from: { path: "^src/", pathNot: ["^src/(cli|server)/", "^src/index\\.ts$"] },
      to: { path: "^src/server/" },
    },
    {
      name: "core-does-not-import-integrations",
      severity: "error",
      from: { path: "^src/(tune|track|data|gbdt|db)/" },
      to: { path: "^src/integrations/" },
    },
    {
      name: "enter-modules-through-index",
      comment: "outside a module, import only its public entry src/<module>/index.ts",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: {
        path: "^src/([^/]+)/.+",
        pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
