import { TunelabError } from "../errors.js";

export { TunelabError };

/** A column name that the table does not have; the message lists the columns it has. */
export class ColumnNotFoundError extends TunelabError {
  constructor(
    readonly column: string,
    readonly available: readonly string[],
    readonly where = "table",
  ) {
    const shown = available.slice(0, 20).map((c) => `"${c}"`);
    if (available.length > 20) shown.push(`... (${available.length} columns)`);
    super(
      "COLUMN_NOT_FOUND",
      `unknown column "${column}" in ${where} (columns: ${available.length ? shown.join(", ") : "none"})`,
      { statusCode: 400 },
    );
  }
}

/** A column has the wrong kind for the operation (text where numbers are needed, or the reverse). */
export class ColumnTypeError extends TunelabError {
  constructor(
    readonly column: string,
    message: string,
  ) {
    super("COLUMN_TYPE", message, { statusCode: 400 });
  }
}

/**
 * The CSV text is malformed. `line` is the 1-based record number (the header is 1): the line of
 * the file unless blank lines or quoted line breaks come before it.
 */
export class CsvParseError extends TunelabError {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super("CSV_PARSE", line === undefined ? message : `${message} (line ${line})`, { statusCode: 400 });
  }
}

/** `transform` was called on a transformer before `fit` (scikit-learn's `NotFittedError`). */
export class NotFittedError extends TunelabError {
  constructor(readonly transformer: string) {
    super("NOT_FITTED", `${transformer} is not fitted yet: call fit() or fitTransform() first`, {
      statusCode: 409,
    });
  }
}

/** A category seen at transform time that the encoder did not see at fit time. */
export class UnknownCategoryError extends TunelabError {
  constructor(
    readonly column: string,
    readonly value: string | number | null,
    remedy = 'handleUnknown: "ignore"',
  ) {
    super(
      "UNKNOWN_CATEGORY",
      `column "${column}" has category ${JSON.stringify(value)} that was not seen during fit ` +
        `(pass ${remedy} to encode unseen categories)`,
      { statusCode: 400 },
    );
  }
}

/** An argument is outside its allowed range or of the wrong kind; the message names it and its value. */
export class DataArgumentError extends TunelabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("INVALID_ARGUMENT", message, { statusCode: 400, ...options });
  }
}

/** Every error code of the data module, documented in the README's data error table. */
export const DATA_ERROR_CODES = [
  "COLUMN_NOT_FOUND",
  "COLUMN_TYPE",
  "CSV_PARSE",
  "NOT_FITTED",
  "UNKNOWN_CATEGORY",
  "INVALID_ARGUMENT",
] as const;
