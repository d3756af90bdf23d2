import { InvalidParameterValueError } from "../errors.js";

/** Encodes an offset as MLflow's page token: base64 of `{"offset": N}`. */
export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

/** The offset of a page token; 0 without one. Throws INVALID_PARAMETER_VALUE for a bad token. */
export function decodePageToken(token: string | null | undefined): number {
  if (token === null || token === undefined || token === "") return 0;
  let parsed: unknown;
  try {
    const text = Buffer.from(token, "base64").toString("utf8");
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidParameterValueError(
      `Invalid page token, could not base64-decode: ${JSON.stringify(token)}`,
    );
  }
  const offset = (parsed as { offset?: unknown } | null)?.offset;
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0)
    throw new InvalidParameterValueError(`Invalid page token ${JSON.stringify(token)}: no valid offset`);
  return offset;
}
