/**
 * The demo's data: vega-datasets' movies.json (installed from npm, no download), prepared with
 * tunelab/data. Predict `IMDB Rating` from the other columns: money and ratings (numbers),
 * MPAA rating, distributor, source, genre, creative type and director (categories), many of them
 * missing. Missing numbers stay NaN and missing text stays a category of its own: the GBDT handles
 * both, which scores better than filling them (../shared/anchors/gbdt/RESULTS.md, note 5).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readJson, type Table } from "../../src/data/index.js";

/** Path of movies.json inside the installed vega-datasets package. */
export function moviesPath(): string {
  // the package's exports hide data/, so go from its entry point (build/index.js)
  const entry = createRequire(import.meta.url).resolve("vega-datasets");
  return join(dirname(entry), "..", "data", "movies.json");
}

/** Features and target of the demo. */
export interface Movies {
  readonly x: Table;
  readonly y: Float64Array;
}

/** Loads movies.json, keeps the rows with a rating, and splits the release date into year and month. */
export function loadMovies(path = moviesPath()): Movies {
  const raw = readJson(path);
  const rating = raw.numericColumn("IMDB Rating");
  const keep = Uint32Array.from(rating.keys()).filter((i) => !Number.isNaN(rating[i]));
  const rows = raw.rows(keep);
  const dates = rows.textColumn("Release Date").map((d) => (d === null ? Number.NaN : Date.parse(d))); // "Jun 12 1998", local time
  const year = Float64Array.from(dates, (t) => (Number.isNaN(t) ? t : new Date(t).getFullYear()));
  const month = Float64Array.from(dates, (t) => (Number.isNaN(t) ? t : new Date(t).getMonth() + 1));
  const x = rows
    .drop(["Title", "Release Date", "IMDB Rating"])
    .withColumns({ release_year: year, release_month: month });
  return { x, y: rows.numericColumn("IMDB Rating") };
}
