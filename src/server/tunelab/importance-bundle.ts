import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The importances worker as one CommonJS script, when running from TypeScript sources (tsx,
 * tests): a worker does not inherit tsx's loader, and loading the tune module's hundred-odd
 * files through it took about a second of CPU per server start. esbuild (the compiler tsx runs
 * on) bundles the worker in ~0.1 s and leaves out what the worker never calls (the storages,
 * the samplers); the bundled worker answers its first task after ~0.2 s. Packages stay outside
 * the bundle, required by absolute path (an evaluated worker has no folder to resolve from), and
 * are dropped when nothing of them is used.
 */
export async function bundledWorker(entry: URL): Promise<string> {
  const require = createRequire(import.meta.url);
  const fromTsx = createRequire(require.resolve("tsx/package.json"));
  const esbuild: typeof import("esbuild") = fromTsx("esbuild");
  const out = await esbuild.build({
    entryPoints: [fileURLToPath(entry)],
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
              : {
                  path: createRequire(args.importer).resolve(args.path),
                  external: true,
                  sideEffects: false,
                },
          );
        },
      },
    ],
  });
  return out.outputFiles[0].text;
}
