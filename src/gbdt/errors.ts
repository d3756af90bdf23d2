import { TunelabError } from "../errors.js";

export { TunelabError };

/**
 * A training parameter is unknown, has the wrong type or is out of range. `param` names it as the
 * caller spelled it; the message says what was expected.
 */
export class InvalidParameterError extends TunelabError {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super("GBDT_INVALID_PARAMETER", message, { statusCode: 400 });
  }
}

/**
 * The data handed to `new Pool`, `train`, `cv` or `predict` cannot be used: empty, NaN labels,
 * mismatched lengths, an unknown column, a float column passed as categorical, ...
 * `column` names the offending column when there is one.
 */
export class InvalidDataError extends TunelabError {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super("GBDT_INVALID_DATA", message, { statusCode: 400 });
  }
}

/** `Model.load` got a file that is not a tunelab GBDT model (corrupt, foreign or a newer format). */
export class ModelFormatError extends TunelabError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super("GBDT_MODEL_FORMAT", `${path}: ${message}`, { statusCode: 400 });
  }
}

/** Every error code this module throws, documented in README.md (a test keeps them in step). */
export const GBDT_ERROR_CODES = ["GBDT_INVALID_PARAMETER", "GBDT_INVALID_DATA", "GBDT_MODEL_FORMAT"] as const;
