import { InvalidArgumentError } from "../errors.js";
import { InMemoryStorage } from "./memory.js";
import type { Storage } from "./storage.js";

/** Opens a storage for a URI scheme. */
export type StorageFactory = (uri: string) => Promise<Storage>;

/**
 * URI schemes the tune module knows, from one explicit list. SQL storages (sqlite, postgresql)
 * are added here by the storage issue.
 */
const STORAGE_SCHEMES: Record<string, StorageFactory> = {
  memory: async () => new InMemoryStorage(),
};

/** A {@link Storage} as given, a new in-memory one for `undefined`, or one opened from a URI. */
export async function resolveStorage(storage: Storage | string | undefined): Promise<Storage> {
  if (storage === undefined) return new InMemoryStorage();
  if (typeof storage !== "string") return storage;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(storage)?.[1]?.toLowerCase();
  const factory = scheme === undefined ? undefined : STORAGE_SCHEMES[scheme];
  if (!factory)
    throw new InvalidArgumentError(
      `unknown storage URI ${JSON.stringify(storage)}: scheme ${scheme ? `"${scheme}"` : "missing"} ` +
        `(known schemes: ${Object.keys(STORAGE_SCHEMES).join(", ")})`,
    );
  return factory(storage);
}
