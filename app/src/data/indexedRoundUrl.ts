/** The indexer's URL for one round's page (indexer/api.ts), the same whoever builds it: the app or its prefetch. */
export function indexedRoundUrl(indexerUrl: string, round: string, account: string | undefined): string {
  const query = account === undefined ? "" : `?contributor=${account.toLowerCase()}`;
  return `${indexerUrl}/rounds/${round.toLowerCase()}${query}`;
}
