import { useConnection } from "wagmi";
import { Link, useLocation } from "wouter";

/** The network's own pages, and the connected account's contributions. */
export function NetworkNav() {
  const { address, isConnected } = useConnection();
  const [location] = useLocation();
  const links = [
    { href: "/network", label: "Nodes" },
    { href: "/network/contribute", label: "Record a contribution" },
    { href: "/network/stewards", label: "Stewards' queue" },
    ...(isConnected && address !== undefined
      ? [{ href: `/network/contributors/${address}`, label: "My contributions" }]
      : []),
  ];
  return (
    <nav aria-label="Network" className="network-nav">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={location.toLowerCase() === link.href.toLowerCase() ? "page" : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
