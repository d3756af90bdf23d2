import cliProgress from "cli-progress";

/** A terminal progress bar: trials done / total, best value, elapsed time and ETA. */
export class ProgressBar {
  private readonly bar: cliProgress.SingleBar;
  private readonly started = Date.now();

  constructor(
    private readonly nTrials: number | undefined,
    private readonly timeoutSeconds: number | undefined,
  ) {
    const total = nTrials ?? Math.ceil(timeoutSeconds ?? 0);
    const unit = nTrials !== undefined ? "trials" : "s";
    this.bar = new cliProgress.SingleBar(
      {
        format: `{bar} {value}/{total} ${unit} | best {best} | elapsed {elapsedText} | ETA {etaText}`,
        hideCursor: true,
        clearOnComplete: false,
        stream: process.stderr,
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { best: "-", elapsedText: "0s", etaText: "?" });
  }

  /** Updates the bar after a finished trial. */
  update(done: number, best: number | null): void {
    const elapsed = (Date.now() - this.started) / 1000;
    const value =
      this.nTrials !== undefined ? done : Math.min(Math.floor(elapsed), Math.ceil(this.timeoutSeconds ?? 0));
    const total = this.nTrials ?? this.timeoutSeconds ?? 0;
    const eta =
      this.nTrials !== undefined && done > 0 ? (elapsed / done) * (this.nTrials - done) : total - elapsed;
    this.bar.update(value, {
      best: best === null ? "-" : Number(best.toPrecision(6)),
      elapsedText: formatSeconds(elapsed),
      etaText: formatSeconds(Math.max(0, eta)),
    });
  }

  stop(): void {
    this.bar.stop();
  }
}

/** Elapsed time or ETA: tenths of a second below a minute, then whole minutes and seconds ("2m00s", never "1m60s"). */
export function formatSeconds(s: number): string {
  if (s < 59.95) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  return `${m}m${String(whole - 60 * m).padStart(2, "0")}s`;
}
