import type { AnchorHTMLAttributes } from "react";
import { hrefOf } from "./hash-router";

/** An anchor to a hash route: a real link, so it opens in a new tab and is keyboard-reachable. */
export function Link({
  to,
  query,
  ...rest
}: { to: string; query?: Record<string, string | undefined> } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <a href={hrefOf(to, query)} {...rest} />;
}
