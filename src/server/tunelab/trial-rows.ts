import { type FrozenTrial, isFinished } from "../../tune/index.js";
import { trialRowJson } from "./study-json.js";

/**
 * Serialised trial rows (`GET /studies/:id/trials`), remembered per finished trial. Finished
 * trials never change and the cached storage hands out the same objects on every read, so a
 * page reload or a poll re-serialises only the unfinished trials. Keyed weakly: rows go when the
 * storage drops the trial. Built with `JSON.stringify`, which is several times faster here than a
 * schema serialiser on rows with union-typed params and nested pairs.
 */
export class TrialRowCache {
  private readonly withIv = new WeakMap<FrozenTrial, string>();
  private readonly withoutIv = new WeakMap<FrozenTrial, string>();

  /** One trial's row as JSON text. */
  row(t: FrozenTrial, intermediate: boolean): string {
    const cache = intermediate ? this.withIv : this.withoutIv;
    const hit = cache.get(t);
    if (hit !== undefined) return hit;
    const text = JSON.stringify(trialRowJson(t, intermediate));
    if (isFinished(t.state)) cache.set(t, text);
    return text;
  }

  /** A whole page as JSON text: `head` (an object without `trials`) plus the rows. */
  page(head: Record<string, unknown>, trials: readonly FrozenTrial[], intermediate: boolean): string {
    const rows = trials.map((t) => this.row(t, intermediate));
    const json = JSON.stringify(head);
    return `${json.slice(0, -1)}${json.length > 2 ? "," : ""}"trials":[${rows.join(",")}]}`;
  }
}
