import { useVerifiedImage } from "../hooks/useDocument.ts";

/** A project's logo, shown only when its bytes match the content identifier; initials otherwise. */
export function ProjectLogo({
  pointer,
  name,
  size = 56,
}: {
  pointer: string | undefined;
  name: string;
  size?: number;
}) {
  const { url, problem } = useVerifiedImage(pointer);
  if (url !== undefined) {
    return <img className="logo" src={url} alt="" width={size} height={size} />;
  }
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
  return (
    <span className="logo logo-initials" style={{ width: size, height: size }} title={problem} aria-hidden="true">
      {initials || "?"}
    </span>
  );
}
