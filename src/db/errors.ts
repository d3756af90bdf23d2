import { TunelabError } from "../errors.js";

/** A database URI the db module cannot open (unknown scheme, missing path...). */
export class DatabaseUriError extends TunelabError {
  constructor(
    readonly uri: string,
    reason: string,
  ) {
    super("DATABASE_URI", `cannot open database ${JSON.stringify(redactUri(uri))}: ${reason}`, {
      statusCode: 400,
    });
  }
}

/** The database failed and retrying did not help (server gone, disk full, not a database...). */
export class DatabaseError extends TunelabError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("DATABASE", message, { statusCode: 500, ...options });
  }
}

/** Every error code of the db module. */
export const DB_ERROR_CODES = ["DATABASE_URI", "DATABASE"] as const;

/** The URI with any password replaced by `***`, for messages and logs. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}
