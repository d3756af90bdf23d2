import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
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
 * dropped when nothing of them is used. The bundle is kept in the temporary folder with the
 * size and modification time of every source file in it, as tsx keeps its compiled files: later
 * server starts run it without esbuild, which at start competed with a study's first read for
 * the CPU. Pass the result to `new Worker(code, { eval: true })`.
 */
export function bundlingWorkerCode(entry: URL): string {
  const require = createRequire(import.meta.url);
  const esbuild = createRequire(require.resolve("tsx/package.json")).resolve("esbuild");
  const path = fileURLToPath(entry);
  const user = (() => {
    try {
      return userInfo().username;
    } catch {
      return "user";
    }
  })();
  const cache = join(
    tmpdir(),
    `tunelab-worker-cache-${user}`,
    `worker-${createHash("sha1").update(path).digest("hex").slice(0, 16)}.json`,
  );
  const args = [esbuild, path, cache].map((a) => JSON.stringify(a)).join(", ");
  // the source text as tsx compiled it: it may call esbuild's `__name` helper (keepNames)
  return `var __name = (f) => f;\n(${bundleAndRun.toString()})(require, ${args});`;
}

/**
 * Runs in the worker (as source text: it may use nothing from this module); `req` is the
 * evaluated worker's CommonJS `require`.
 */
async function bundleAndRun(
  req: NodeJS.Require,
  esbuildPath: string,
  entry: string,
  cachePath: string,
): Promise<void> {
  const fs: typeof import("node:fs") = req("node:fs");
  const { dirname, resolve }: typeof import("node:path") = req("node:path");
  const run = (code: string) => {
    const module = { exports: {} };
    new Function("require", "module", "exports", code)(req, module, module.exports);
  };
  type Cached = { inputs: [string, number, number][]; code: string };
  try {
    const cached: Cached = JSON.parse(fs.readFileSync(cachePath, "utf8"));
    const fresh = cached.inputs.every(([file, size, mtime]) => {
      const st = fs.statSync(file, { throwIfNoEntry: false });
      return st !== undefined && st.size === size && st.mtimeMs === mtime;
    });
    if (fresh) return run(cached.code);
  } catch {
    // no cache yet, or unreadable: bundle
  }
  const { createRequire: fromFile } = req("node:module");
  const esbuild: typeof import("esbuild") = req(esbuildPath);
  const out = await esbuild.build({
    metafile: true,
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
  const code = out.outputFiles[0].text;
  run(code);
  try {
    const inputs = Object.keys(out.metafile.inputs).map((f): [string, number, number] => {
      const st = fs.statSync(resolve(f));
      return [resolve(f), st.size, st.mtimeMs];
    });
    fs.mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.${Date.now()}`;
    fs.writeFileSync(tmp, JSON.stringify({ inputs, code } satisfies Cached));
    fs.renameSync(tmp, cachePath);
  } catch {
    // no cache this time: the next start bundles again
  }
}
