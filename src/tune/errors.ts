import { TunelabError } from "../errors.js";

export { TunelabError };

/**
 * Thrown by an objective to stop the current trial early; the study records it as PRUNED.
 *
 * @example
 * if (trial.shouldPrune()) throw new TrialPruned();
 */
export class TrialPruned extends TunelabError {
  constructor(message = "trial was pruned") {
    super("TRIAL_PRUNED", message, { statusCode: 409 });
  }
}

/** A study with that name already exists in the storage. */
export class DuplicatedStudyError extends TunelabError {
  constructor(readonly studyName: string) {
    super("DUPLICATED_STUDY", `a study named "${studyName}" already exists`, { statusCode: 409 });
  }
}

/** No study has the given name or id; the message lists the studies that exist. */
export class StudyNotFoundError extends TunelabError {
  constructor(
    readonly study: string | number,
    readonly existing: readonly string[] = [],
  ) {
    super(
      "STUDY_NOT_FOUND",
      `study ${typeof study === "string" ? `"${study}"` : `id ${study}`} not found` +
        (existing.length
          ? ` (existing studies: ${existing.map((n) => `"${n}"`).join(", ")})`
          : " (the storage has no studies)"),
      { statusCode: 404 },
    );
  }
}

/** No trial has the given id or number. */
export class TrialNotFoundError extends TunelabError {
  constructor(readonly trial: number) {
    super("TRIAL_NOT_FOUND", `trial ${trial} not found`, { statusCode: 404 });
  }
}

/** A finished trial (COMPLETE, PRUNED or FAIL) cannot be changed. */
export class UpdateFinishedTrialError extends TunelabError {
  constructor(
    readonly trialNumber: number,
    readonly state: string,
  ) {
    super(
      "UPDATE_FINISHED_TRIAL",
      `trial ${trialNumber} is already finished (${state}) and cannot be changed`,
      {
        statusCode: 409,
      },
    );
  }
}

/** A storage backend failed (connection lost, constraint violated, corrupt data...). */
export class StorageInternalError extends TunelabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("STORAGE_INTERNAL", message, { statusCode: 500, ...options });
  }
}

/** An argument is outside its allowed range or of the wrong kind; the message names it and its value. */
export class InvalidArgumentError extends TunelabError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message, { statusCode: 400 });
  }
}

/** The study was used in a way its configuration does not allow (e.g. report() on a multi-objective study). */
export class InvalidStateError extends TunelabError {
  constructor(message: string) {
    super("INVALID_STATE", message, { statusCode: 409 });
  }
}

/**
 * The storage holds something tunelab does not read: a database that is not a study database,
 * or a study schema version other than Optuna's 12. Nothing was changed.
 */
export class IncompatibleStorageError extends TunelabError {
  constructor(message: string) {
    super("INCOMPATIBLE_STORAGE", message, { statusCode: 500 });
  }
}

/** Every error code of the tune module, documented in the README's error table. */
export const TUNE_ERROR_CODES = [
  "TRIAL_PRUNED",
  "DUPLICATED_STUDY",
  "STUDY_NOT_FOUND",
  "TRIAL_NOT_FOUND",
  "UPDATE_FINISHED_TRIAL",
  "STORAGE_INTERNAL",
  "INCOMPATIBLE_STORAGE",
  "INVALID_ARGUMENT",
  "INVALID_STATE",
] as const;
