/** What the inline script of `index.html` started for a study page opened directly. */
interface EarlyRequests {
  readonly study: string;
  version?: Promise<Response>;
  trials?: Promise<Response>;
}

/**
 * The response to the study page's first `version` or `trials` request when `index.html` already
 * sent it (the page was opened at `#/studies/:id`), once; later requests fetch anew.
 */
export function takeEarly(studyId: string, what: "version" | "trials"): Promise<Response> | undefined {
  const early = (window as { __tunelabEarly?: EarlyRequests }).__tunelabEarly;
  if (early?.study !== studyId) return undefined;
  const response = early[what];
  early[what] = undefined;
  return response;
}
