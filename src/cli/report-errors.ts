/**
 * Wraps a command action: a failure prints `tunelab: <message>` (with the error code) on stderr
 * and sets exit code 1, instead of a stack trace.
 */
export function reportErrors<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const message = e instanceof Error ? e.message : String(e);
      process.stderr.write(`tunelab: ${message}${typeof code === "string" ? ` [${code}]` : ""}\n`);
      if (process.env.TUNELAB_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
      process.exitCode = 1;
    }
  };
}
