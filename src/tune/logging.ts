/** Log levels, from most to least verbose. */
export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
/** A log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

let verbosity: LogLevel = "warn";
const shownWarnings = new Map<string, number>();

/**
 * Sets how much the tune module prints (default `"warn"`). `"info"` prints one line per finished
 * trial, as Optuna does by default.
 */
export function setVerbosity(level: LogLevel): void {
  if (!LOG_LEVELS.includes(level))
    throw new RangeError(`invalid log level: ${level} (expected ${LOG_LEVELS.join(" | ")})`);
  verbosity = level;
}

/** The current log level. */
export function getVerbosity(): LogLevel {
  return verbosity;
}

/** True when messages of `level` are printed. */
export function logEnabled(level: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(verbosity);
}

/** Prints an informational line when the verbosity allows it. */
export function logInfo(message: string): void {
  if (logEnabled("info")) process.stderr.write(`[tunelab] ${message}\n`);
}

/**
 * Shows a warning once per code (later ones are only counted). Silence all with
 * `setVerbosity("error")`; read the counts with {@link warningCounts}.
 */
export function warnOnce(code: string, message: string): void {
  const n = shownWarnings.get(code) ?? 0;
  shownWarnings.set(code, n + 1);
  if (n === 0 && logEnabled("warn"))
    process.stderr.write(`[tunelab] warning ${code}: ${message} (silence with setVerbosity("error"))\n`);
}

/** How often each warning code was raised in this process (for tests). */
export function warningCounts(): ReadonlyMap<string, number> {
  return shownWarnings;
}
