import { DataArgumentError } from "../errors.js";
import type { Table } from "../table.js";
import { type Transformer, TransformerBase } from "./transformer.js";

/** A pipeline step: a transformer, `[name, transformer]`, or `"passthrough"` (does nothing). */
export type PipelineStep =
  | Transformer
  | "passthrough"
  | readonly [name: string, step: Transformer | "passthrough"];

/**
 * Chains transformers, as scikit-learn's `Pipeline` / `make_pipeline`: `fit` fits each step on
 * the previous step's output (training rows only), `transform` applies them in order. Unnamed
 * steps are named after their class in lower case (`simpleimputer`, `minmaxscaler`), with a
 * `-2`, `-3`, ... suffix when repeated. Steps are cloned in `fit`, so the given instances stay
 * unfitted; the fitted ones are in {@link Pipeline.namedSteps}.
 *
 * @example
 * ```ts
 * import { fromColumns, MinMaxScaler, Pipeline, SimpleImputer } from "tunelab/data";
 * const p = new Pipeline([["impute", new SimpleImputer({ strategy: "median" })], ["scale", new MinMaxScaler()]]);
 * p.fitTransform(fromColumns({ x: [0, null, 10] })).column("x"); // Float64Array [0, 0.5, 1]
 * ```
 */
export class Pipeline extends TransformerBase {
  private readonly specs: readonly (readonly [string, Transformer | "passthrough"])[];
  private fittedSteps: (readonly [string, Transformer | "passthrough"])[] = [];

  constructor(steps: readonly PipelineStep[]) {
    super();
    if (!Array.isArray(steps) || steps.length === 0)
      throw new DataArgumentError(
        "Pipeline: steps must be a non-empty array of transformers or [name, transformer]",
      );
    const counts = new Map<string, number>();
    const named = steps.map((s, i): readonly [string, Transformer | "passthrough"] => {
      const [name, step]: readonly [string | undefined, Transformer | "passthrough"] = isNamed(s)
        ? s
        : [undefined, s];
      if (
        step !== "passthrough" &&
        (!step ||
          typeof (step as Transformer).fit !== "function" ||
          typeof (step as Transformer).clone !== "function")
      )
        throw new DataArgumentError(
          `Pipeline: step ${i} must be a transformer or "passthrough", got ${String(step)}`,
        );
      let n = name ?? (step === "passthrough" ? "passthrough" : step.constructor.name.toLowerCase());
      if (typeof n !== "string" || n === "")
        throw new DataArgumentError(`Pipeline: step ${i} has an invalid name ${JSON.stringify(n)}`);
      if (name === undefined) {
        const k = (counts.get(n) ?? 0) + 1;
        counts.set(n, k);
        if (k > 1) n = `${n}-${k}`;
      }
      return [n, step];
    });
    const dup = named.find(([n], i) => named.findIndex(([m]) => m === n) !== i);
    if (dup) throw new DataArgumentError(`Pipeline: step name "${dup[0]}" is used twice`);
    this.specs = named;
  }

  /** The fitted steps by name (scikit-learn's `named_steps`). */
  get namedSteps(): Record<string, Transformer | "passthrough"> {
    this.requireFitted();
    return Object.fromEntries(this.fittedSteps);
  }

  protected fitTable(table: Table): void {
    this.fitSteps(table, false);
  }

  protected override fitTransformTable(table: Table): Table {
    return this.fitSteps(table, true);
  }

  /** Fits clones of the steps in order; the last step is only fitted unless `transformLast`. */
  private fitSteps(table: Table, transformLast: boolean): Table {
    const fitted: (readonly [string, Transformer | "passthrough"])[] = [];
    let t = table;
    this.specs.forEach(([name, step], i) => {
      if (step === "passthrough") {
        fitted.push([name, step]);
        return;
      }
      const s = step.clone();
      if (i === this.specs.length - 1 && !transformLast) s.fit(t);
      else t = s.fitTransform(t);
      fitted.push([name, s]);
    });
    this.fittedSteps = fitted;
    return t;
  }

  protected transformTable(table: Table): Table {
    let t = table;
    for (const [, step] of this.fittedSteps) if (step !== "passthrough") t = step.transform(t);
    return t;
  }

  featureNamesOut(): string[] {
    const cols = this.requireFitted();
    for (let i = this.fittedSteps.length - 1; i >= 0; i--) {
      const step = this.fittedSteps[i][1];
      if (step !== "passthrough") return step.featureNamesOut();
    }
    return [...cols];
  }

  clone(): Pipeline {
    return new Pipeline(this.specs);
  }
}

function isNamed(s: PipelineStep): s is readonly [string, Transformer | "passthrough"] {
  return Array.isArray(s);
}
