import { ColumnNotFoundError, DataArgumentError } from "../errors.js";
import { type Column, type Table, tableFromTrusted } from "../table.js";
import type { ColumnSelector } from "./column-selector.js";
import { type Transformer, TransformerBase } from "./transformer.js";

/** A step of a {@link ColumnTransformer}: a transformer, or `"drop"` / `"passthrough"`. */
export type ColumnStep = Transformer | "drop" | "passthrough";

/** `[name, transformer, columns]`: which columns a step applies to (names, or a selector run at fit time). */
export type ColumnTransformerSpec = readonly [
  name: string,
  step: ColumnStep,
  columns: readonly string[] | ColumnSelector,
];

/** Options of {@link ColumnTransformer}. */
export interface ColumnTransformerOptions {
  /**
   * What happens to columns no step names: `"drop"` (default), `"passthrough"` (kept unchanged,
   * after the steps' outputs), or a transformer applied to them.
   */
  remainder?: ColumnStep;
  /**
   * Prefix output names with the step name (`num__LotArea`, `remainder__Id`), as scikit-learn's
   * default. With false the names are kept and must not collide. Default true.
   */
  verboseFeatureNamesOut?: boolean;
}

interface FittedStep {
  name: string;
  step: ColumnStep;
  columns: string[];
}

/**
 * Applies a transformer to each group of columns and puts the results side by side, as
 * scikit-learn's `ColumnTransformer`: the outputs come in the order of the steps, then the
 * remainder. Each step's transformer is cloned in `fit`, so the same instance can be listed twice
 * and the originals stay unfitted; the fitted copies are in {@link ColumnTransformer.namedTransformers}.
 *
 * @example
 * ```ts
 * import {
 *   ColumnTransformer, MinMaxScaler, Pipeline, SimpleImputer, columnSelector, readCsv,
 * } from "tunelab/data";
 * // The reference preprocessing: numbers most-frequent-imputed then min-max scaled; text filled with "None".
 * const prep = new ColumnTransformer(
 *   [
 *     ["num", new Pipeline([new SimpleImputer({ strategy: "mostFrequent" }), new MinMaxScaler()]), columnSelector({ kind: "number" })],
 *     ["cat", new SimpleImputer({ strategy: "constant", fillValue: "None" }), columnSelector({ kind: "text" })],
 *   ],
 *   { verboseFeatureNamesOut: false },
 * );
 * const train = readCsv("a,b\n1,x\nNA,NA\n3,x\n");
 * prep.fitTransform(train).toRecords(); // [{a: 0, b: "x"}, {a: 0, b: "None"}, {a: 1, b: "x"}]
 * ```
 */
export class ColumnTransformer extends TransformerBase {
  private readonly specs: readonly ColumnTransformerSpec[];
  private readonly options: Required<ColumnTransformerOptions>;
  private steps: FittedStep[] = [];
  private names: string[] = [];

  constructor(transformers: readonly ColumnTransformerSpec[], options: ColumnTransformerOptions = {}) {
    super();
    if (!Array.isArray(transformers))
      throw new DataArgumentError(
        "ColumnTransformer: transformers must be an array of [name, transformer, columns]",
      );
    const seen = new Set<string>();
    transformers.forEach((spec, i) => {
      if (!Array.isArray(spec) || spec.length !== 3)
        throw new DataArgumentError(
          `ColumnTransformer: transformers[${i}] must be [name, transformer, columns]`,
        );
      const [name, step, columns] = spec;
      if (typeof name !== "string" || name === "" || name.includes("__"))
        throw new DataArgumentError(
          `ColumnTransformer: step name ${JSON.stringify(name)} must be a non-empty string without "__"`,
        );
      if (name === "remainder")
        throw new DataArgumentError(`ColumnTransformer: step name "remainder" is reserved`);
      if (seen.has(name)) throw new DataArgumentError(`ColumnTransformer: step name "${name}" is used twice`);
      seen.add(name);
      checkStep(step, `step "${name}"`);
      if (!Array.isArray(columns) && typeof columns !== "function")
        throw new DataArgumentError(
          `ColumnTransformer: columns of step "${name}" must be names or a column selector`,
        );
    });
    const { remainder = "drop", verboseFeatureNamesOut = true } = options;
    checkStep(remainder, "remainder");
    this.specs = transformers.map(
      ([n, s, c]) => [n, s, Array.isArray(c) ? [...c] : c] as ColumnTransformerSpec,
    );
    this.options = { remainder, verboseFeatureNamesOut };
  }

  /** The fitted transformers by step name (scikit-learn's `named_transformers_`), including `remainder`. */
  get namedTransformers(): Record<string, ColumnStep> {
    this.requireFitted();
    return Object.fromEntries(this.steps.map((s) => [s.name, s.step]));
  }

  protected fitTable(table: Table): void {
    this.fitSteps(table, false);
  }

  protected override fitTransformTable(table: Table): Table {
    const cols = this.fitSteps(table, true);
    return tableFromTrusted(this.names, cols);
  }

  /** Resolves the columns of each step, fits clones, and (with `transform`) returns the output columns. */
  private fitSteps(table: Table, transform: boolean): Column[] {
    const used = new Set<string>();
    const steps: FittedStep[] = this.specs.map(([name, step, sel]) => {
      const columns = typeof sel === "function" ? sel(table) : [...(sel as readonly string[])];
      for (const c of columns) {
        if (!table.has(c))
          throw new ColumnNotFoundError(c, table.columns, `columns of ColumnTransformer step "${name}"`);
        used.add(c);
      }
      return { name, step: typeof step === "string" ? step : step.clone(), columns };
    });
    const rest = table.columns.filter((c) => !used.has(c));
    const { remainder } = this.options;
    steps.push({
      name: "remainder",
      step: typeof remainder === "string" ? remainder : remainder.clone(),
      columns: rest,
    });
    const names: string[] = [];
    const cols: Column[] = [];
    for (const s of steps) {
      if (s.step === "drop" || s.columns.length === 0) continue;
      const part = table.select(s.columns);
      let out: Table | null = null;
      if (s.step === "passthrough") out = transform ? part : null;
      else if (transform) out = s.step.fitTransform(part);
      else s.step.fit(part);
      const outNames = s.step === "passthrough" ? s.columns : s.step.featureNamesOut();
      for (const n of outNames) names.push(this.options.verboseFeatureNamesOut ? `${s.name}__${n}` : n);
      if (out) for (const c of out.columns) cols.push(out.column(c));
    }
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined)
      throw new DataArgumentError(
        `ColumnTransformer: output column "${dup}" is produced twice; use verboseFeatureNamesOut: true or rename`,
      );
    this.steps = steps;
    this.names = names;
    return cols;
  }

  protected transformTable(table: Table): Table {
    const cols: Column[] = [];
    for (const s of this.steps) {
      if (s.step === "drop" || s.columns.length === 0) continue;
      const part = table.select(s.columns);
      const out = s.step === "passthrough" ? part : s.step.transform(part);
      for (const c of out.columns) cols.push(out.column(c));
    }
    return tableFromTrusted(this.names, cols);
  }

  featureNamesOut(): string[] {
    this.requireFitted();
    return [...this.names];
  }

  clone(): ColumnTransformer {
    return new ColumnTransformer(this.specs, this.options);
  }
}

function checkStep(step: unknown, where: string): void {
  if (step === "drop" || step === "passthrough") return;
  const t = step as Partial<Transformer> | null;
  if (!t || typeof t.fit !== "function" || typeof t.transform !== "function" || typeof t.clone !== "function")
    throw new DataArgumentError(
      `ColumnTransformer: ${where} must be a transformer (fit, transform, clone), "drop" or "passthrough", got ${String(step)}`,
    );
}
