/**
 * The root of every error tunelab throws. Each module declares its subclasses in its own
 * `errors.ts`; callers catch by class or compare the stable `code`.
 */
export class TunelabError extends Error {
  /** Stable, documented identifier of the error kind (for example `STUDY_NOT_FOUND`). */
  readonly code: string;
  /** HTTP status to answer with when the error reaches a client. */
  readonly statusCode: number;

  constructor(code: string, message: string, options: { statusCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.statusCode = options.statusCode ?? 500;
  }
}
