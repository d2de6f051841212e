import type { ContributionKind, KindTotal } from "../../data/network.ts";
import { formatCredits, formatQuantity } from "../../lib/contributionForm.ts";

/** Attested contributions per kind (quantity in the kind's unit, and the credits they earned), from the ledger. */
export function KindTotalsTable(props: { caption: string; kinds: readonly ContributionKind[]; totals: KindTotal[] }) {
  const creditsTotal = props.totals.reduce((sum, total) => sum + total.credits, 0n);
  return (
    <div className="table-scroll">
      <table className="kind-totals">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Attested</th>
            <th scope="col">Credits</th>
          </tr>
        </thead>
        <tbody>
          {props.kinds.map((kind) => {
            const total = props.totals.find((item) => item.kindId === kind.id);
            return (
              <tr key={kind.id}>
                <th scope="row">{kind.name}</th>
                <td>{formatQuantity(total?.quantity ?? 0n, kind)}</td>
                <td>{formatCredits(total?.credits ?? 0n)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All kinds</th>
            <td />
            <td data-testid="credits-total">{formatCredits(creditsTotal)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
