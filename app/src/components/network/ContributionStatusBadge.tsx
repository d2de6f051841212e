import { ContributionStatus } from "../../data/contracts.ts";

const WORDS: Record<ContributionStatus, string> = {
  [ContributionStatus.None]: "Not recorded",
  [ContributionStatus.Pending]: "Pending",
  [ContributionStatus.Attested]: "Attested",
  [ContributionStatus.Rejected]: "Rejected",
  [ContributionStatus.Revoked]: "Revoked",
};

const CLASSES: Record<ContributionStatus, string> = {
  [ContributionStatus.None]: "status-neutral",
  [ContributionStatus.Pending]: "status-pending",
  [ContributionStatus.Attested]: "status-ok",
  [ContributionStatus.Rejected]: "status-error",
  [ContributionStatus.Revoked]: "status-neutral",
};

/** Where a contribution stands, in one word with the app's status colours. */
export function ContributionStatusBadge({ status }: { status: ContributionStatus }) {
  return (
    <span className={`contribution-status ${CLASSES[status]}`} data-testid="contribution-status">
      {WORDS[status]}
    </span>
  );
}
