import { redactUri } from "../../db/index.js";
import { InvalidArgumentError } from "../errors.js";
import { CachedStorage } from "./cached.js";
import { InMemoryStorage } from "./memory.js";
import { RDBStorage } from "./sql/rdb-storage.js";
import type { Storage } from "./storage.js";

/** Opens a storage for a URI scheme. */
export type StorageFactory = (uri: string) => Promise<Storage>;

const openSql: StorageFactory = async (uri) => new CachedStorage(await RDBStorage.open(uri));

/**
 * URI schemes the tune module knows, from one explicit list. SQL URIs open an {@link RDBStorage}
 * behind a {@link CachedStorage}, as Optuna wraps its RDBStorage.
 */
const STORAGE_SCHEMES: Record<string, StorageFactory> = {
  memory: async () => new InMemoryStorage(),
  sqlite: openSql,
  postgresql: openSql,
  postgres: openSql,
  "postgresql+psycopg2": openSql,
};

/** A {@link Storage} as given, a new in-memory one for `undefined`, or one opened from a URI. */
export async function resolveStorage(storage: Storage | string | undefined): Promise<Storage> {
  if (storage === undefined) return new InMemoryStorage();
  if (typeof storage !== "string") return storage;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(storage)?.[1]?.toLowerCase();
  const factory = scheme === undefined ? undefined : STORAGE_SCHEMES[scheme];
  if (!factory)
    throw new InvalidArgumentError(
      `unknown storage URI ${JSON.stringify(redactUri(storage))}: scheme ${scheme ? `"${scheme}"` : "missing"} ` +
        `(known schemes: ${Object.keys(STORAGE_SCHEMES).join(", ")})`,
    );
  return factory(storage);
}
