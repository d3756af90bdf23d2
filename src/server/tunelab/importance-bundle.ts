import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The importances worker's code when running from TypeScript sources (tsx, tests): a worker
 * does not inherit tsx's loader, and loading the tune module's hundred-odd files through it took
 * about a second of CPU per server start. So the worker bundles its entry with esbuild (the
 * compiler tsx runs on) into one CommonJS script (~0.1 s; what the worker never calls, such as
 * the storages and the samplers, is left out) and runs it. The bundling happens in the worker:
 * done by the main thread, its result would wait behind whatever the main thread does first,
 * such as a study's first read (about half a second for 5,000 trials). Packages stay outside the
 * bundle, required by absolute path (an evaluated worker has no folder to resolve from), and are
 * dropped when nothing of them is used. Pass the result to `new Worker(code, { eval: true })`.
 */
export function bundlingWorkerCode(entry: URL): string {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve("tsx/package.json")).resolve("esbuild");
  return `(${bundleAndRun.toString()})(require, ${JSON.stringify(esbuild)}, ${JSON.stringify(fileURLToPath(entry))});`;
}

/**
 * Runs in the worker (as source text: it may use nothing from this module); `req` is the
 * evaluated worker's CommonJS `require`.
 */
async function bundleAndRun(req: NodeJS.Require, esbuildPath: string, entry: string): Promise<void> {
  const { createRequire: fromFile } = req("node:module");
  const esbuild: typeof import("esbuild") = req(esbuildPath);
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "packages-outside",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("node:")
              ? { path: args.path, external: true }
              : { path: fromFile(args.importer).resolve(args.path), external: true, sideEffects: false },
          );
        },
      },
    ],
  });
  const module = { exports: {} };
  new Function("require", "module", "exports", out.outputFiles[0].text)(req, module, module.exports);
}
