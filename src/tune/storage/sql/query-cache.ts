import { CompiledQuery } from "kysely";
import type { AnyKysely } from "../../../db/index.js";

/** SQL texts by database and statement shape. */
const texts = new WeakMap<AnyKysely, Map<string, string>>();

/**
 * The statement `build` compiles, with `parameters`, building it with kysely only the first time
 * a `shape` is seen on `db`: the statements of every trial have a few shapes, and building one
 * (a tree of nodes, then its compilation) costs more Node CPU than the database spends running
 * it. `shape` must name everything the SQL text depends on; `parameters` must be the values the
 * built statement takes, in its order (checked when it is built: a mismatch is a bug, thrown).
 */
export function cachedQuery(
  db: AnyKysely,
  shape: string,
  parameters: readonly unknown[],
  build: () => CompiledQuery,
): CompiledQuery {
  let byShape = texts.get(db);
  if (!byShape) {
    byShape = new Map();
    texts.set(db, byShape);
  }
  const text = byShape.get(shape);
  if (text !== undefined) return CompiledQuery.raw(text, parameters as unknown[]);
  const built = build();
  const same =
    built.parameters.length === parameters.length &&
    built.parameters.every((p, i) => Object.is(p, parameters[i]));
  if (!same)
    throw new Error(
      `cachedQuery(${shape}): the parameters given (${parameters.length}) are not those of the statement (${built.parameters.length})`,
    );
  byShape.set(shape, built.sql);
  return built;
}
