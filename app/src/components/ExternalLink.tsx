import { safeExternalUrl } from "../lib/externalUrl.ts";

/**
 * A link to a web address from a document (a website, an evidence link), opened in a new tab that cannot reach
 * back into the app (`noopener noreferrer`) and that search engines do not credit (`nofollow`: anyone writes these
 * documents). Documents are checked when they are read, but the address is checked again here with the same rule
 * (lib/externalUrl.ts): anything else is shown as inert text, never as a link.
 *
 * `show` picks the visible text: the host alone (a website) or the whole address (evidence a steward checks).
 */
export function ExternalLink({
  href,
  show,
  description = "opens in a new tab",
  className,
}: {
  href: string;
  show: "host" | "address";
  /** Said to screen readers after the text. */
  description?: string;
  className?: string;
}) {
  const safe = safeExternalUrl(href);
  if (safe === undefined) {
    return (
      <span className={className} data-testid="inert-link" title="Not a web address the app links to">
        {href}
      </span>
    );
  }
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" className={className}>
      {show === "host" ? new URL(safe).host : safe}
      <span className="visually-hidden"> ({description})</span>
    </a>
  );
}
