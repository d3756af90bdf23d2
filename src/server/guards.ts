import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";

/** Credentials for HTTP basic auth. */
export interface BasicAuth {
  readonly username: string;
  readonly password: string;
}

/** Parses "user:password" (the password may contain ':'); throws on a malformed value. */
export function parseBasicAuth(value: string): BasicAuth {
  const i = value.indexOf(":");
  if (i <= 0 || i === value.length - 1)
    throw new Error(`Invalid auth ${JSON.stringify(value.replace(/:.*/, ":***"))}: expected user:password`);
  return { username: value.slice(0, i), password: value.slice(i + 1) };
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Root-level guards, run before any body is read: HTTP basic auth (401 without or with wrong
 * credentials; `/health` stays open) and the read-only mode (403 for routes marked `write`).
 */
export function installGuards(app: FastifyInstance, opts: { auth?: BasicAuth; readOnly?: boolean }): void {
  const { auth, readOnly } = opts;
  if (auth)
    app.addHook("onRequest", async (request, reply) => {
      if (request.url === "/health") return;
      const header = request.headers.authorization ?? "";
      const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
      const decoded = m ? Buffer.from(m[1] as string, "base64").toString("utf8") : "";
      const i = decoded.indexOf(":");
      if (i >= 0 && same(decoded.slice(0, i), auth.username) && same(decoded.slice(i + 1), auth.password))
        return;
      return reply
        .status(401)
        .header("WWW-Authenticate", 'Basic realm="tunelab"')
        .send({ error_code: "UNAUTHENTICATED", message: "You are not authenticated." });
    });
  if (readOnly)
    app.addHook("onRequest", async (request, reply) => {
      if ((request.routeOptions.config as { write?: boolean } | undefined)?.write)
        return reply
          .status(403)
          .send({ error_code: "PERMISSION_DENIED", message: "This server is read-only." });
    });
}
