/**
 * The one gate for every web address that a document puts on screen as a link: a project's or a node's website, a
 * contribution's evidence. Documents are written by anyone, so a link is shown only if it is a plain http(s)
 * address; everything else (javascript:, data:, vbscript:, file:, blob:, ipfs:, protocol-relative "//host",
 * "https:host") is refused. Documents are checked with it when they are read (data/documents.ts) and forms when
 * they are filled in (lib/projectForm.ts, lib/contributionForm.ts), and components/ExternalLink.tsx checks again
 * when it renders, so a value that reached a component some other way still never becomes a link.
 *
 * The app does not turn ipfs:// links into gateway links: documents name their links as web addresses.
 */

/** Why a value is not a web address the app links to. */
export type ExternalUrlProblem =
  /** Not a URL at all: relative ("/about", "//host"), incomplete ("example.org") or empty. */
  | "notUrl"
  /** A URL of another scheme (javascript:, data:, ftp:…), or http(s) without the two slashes. */
  | "notWeb"
  /**
   * A space, tab, line break or control character anywhere: browsers drop some of them while parsing, which is
   * how "java\tscript:" hides a scheme, so none is accepted.
   */
  | "hiddenCharacters"
  /** A user name or password, as in "https://bank.example@evil.example", which hides the real host. */
  | "credentials";

export type ExternalUrlCheck = { ok: true; href: string } | { ok: false; problem: ExternalUrlProblem };

// C0 and C1 controls, DEL, and every Unicode space or line terminator.
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\s]/u;
// The scheme and its two slashes, exactly: the URL parser also takes "https:host" and "https:\\host".
const WEB_PREFIX = /^https?:\/\//i;

/** Whether `value` (trimmed at both ends) is an http(s) address the app may link to, in its normal form. */
export function checkExternalUrl(value: string): ExternalUrlCheck {
  const trimmed = value.trim();
  if (HIDDEN_CHARACTERS.test(trimmed)) return { ok: false, problem: "hiddenCharacters" };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: "notUrl" };
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !WEB_PREFIX.test(trimmed)) {
    return { ok: false, problem: "notWeb" };
  }
  if (url.username !== "" || url.password !== "") return { ok: false, problem: "credentials" };
  return { ok: true, href: url.href };
}

/** The normal form of `value` if the app may link to it, or undefined. */
export function safeExternalUrl(value: string): string | undefined {
  const checked = checkExternalUrl(value);
  return checked.ok ? checked.href : undefined;
}

/** The end of a sentence that starts with what the value is ("the website", "link 2", "Line 2"). */
export function describeUrlProblem(problem: ExternalUrlProblem): string {
  switch (problem) {
    case "notUrl":
      return "is not a valid web address";
    case "notWeb":
      return "must start with https:// or http://";
    case "hiddenCharacters":
      return "holds a space, line break or control character";
    case "credentials":
      return "must not hold a user name or password";
  }
}
