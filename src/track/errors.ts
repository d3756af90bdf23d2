import { TunelabError } from "../errors.js";

export { TunelabError };

/**
 * MLflow's error codes that the tracking module raises, with the HTTP status a server answers.
 * `INVALID_STATE` is 400 here, not MLflow's 500: it is caused by the request (for example a run
 * created in a deleted experiment), and MLflow's Python client retries 5xx answers.
 */
export const TRACKING_ERROR_CODES = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_DOES_NOT_EXIST: 404,
  RESOURCE_ALREADY_EXISTS: 400,
  INVALID_STATE: 400,
} as const;
/** One of {@link TRACKING_ERROR_CODES}. */
export type TrackingErrorCode = keyof typeof TRACKING_ERROR_CODES;

/** Base class of the tracking errors; `code` is MLflow's `error_code`. */
export class TrackingError extends TunelabError {
  declare readonly code: TrackingErrorCode;
  constructor(code: TrackingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { statusCode: TRACKING_ERROR_CODES[code], ...options });
  }
}

/** A bad argument: invalid key, value too long, bad filter, param overwrite, logging to a deleted run. */
export class InvalidParameterValueError extends TrackingError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("INVALID_PARAMETER_VALUE", message, options);
  }
}

/** An unknown experiment, run or tag. */
export class ResourceDoesNotExistError extends TrackingError {
  constructor(message: string) {
    super("RESOURCE_DOES_NOT_EXIST", message);
  }
}

/** An experiment name already in use (also by a deleted experiment). */
export class ResourceAlreadyExistsError extends TrackingError {
  constructor(message: string) {
    super("RESOURCE_ALREADY_EXISTS", message);
  }
}

/** The entity is in a state that forbids the call (run in a deleted experiment, param on a finished run). */
export class InvalidStateError extends TrackingError {
  constructor(message: string) {
    super("INVALID_STATE", message);
  }
}
