import type { Place, Row } from './compare-requests';

/**
 * Where this package claims to send a field as the official client does: everywhere both
 * clients were compared, or only in some scenarios, steps or transports (a field the CLI
 * also sends where this package has no such request, a prewarm's `previous_response_id`, is
 * claimed where both make the request). `scripts/parity/parity-claims.json`.
 */
export type Claim =
  'everywhere' | { scenarios?: string[]; steps?: string[]; transports?: string[]; why?: string };

export type Claims = Record<string, Claim>;

/**
 * Why a difference stays, by field (`scripts/parity/parity-reasons.json`); a key ending in
 * `*` covers every field it begins.
 */
export type Reasons = Record<string, string>;

/** What breaks a claim: a place where the field is not SAME, or a claim never compared. */
export function claimProblems(rows: Row[], claims: Claims): string[] {
  const problems: string[] = [];
  for (const [field, claim] of Object.entries(claims)) {
    const inScope = (place: Place) => claimCovers(claim, place);
    let same = 0;
    for (const row of rows.filter(r => r.field === field)) {
      const places = row.places.filter(inScope);
      if (row.verdict === 'SAME') same += places.length;
      else if (places.length > 0) {
        problems.push(
          `${field}: ${row.verdict}, official ${row.official}, ours ${row.ours} (${places.map(describe).join('; ')})`,
        );
      }
    }
    if (same === 0) problems.push(`${field}: claimed, but compared nowhere it is claimed`);
  }
  return problems;
}

/** Rows that differ and say nothing of why. */
export function unexplainedRows(rows: Row[], reasons: Reasons): string[] {
  return rows
    .filter(row => row.verdict !== 'SAME' && reasonFor(row.field, reasons) == null)
    .map(
      row =>
        `${row.field}: ${row.verdict}, official ${row.official}, ours ${row.ours} (${row.places.map(describe).join('; ')})`,
    );
}

export function claimCovers(claim: Claim, place: Place): boolean {
  if (claim === 'everywhere') return true;
  return (
    (claim.scenarios == null || claim.scenarios.includes(place.scenario)) &&
    (claim.steps == null || claim.steps.includes(place.step)) &&
    (claim.transports == null || claim.transports.includes(place.transport))
  );
}

function describe(place: Place): string {
  return `${place.step}: ${place.scenario} (${place.transport})`;
}

export function reasonFor(field: string, reasons: Reasons): string | undefined {
  if (reasons[field] != null) return reasons[field];
  const prefixes = Object.keys(reasons)
    .filter(key => key.endsWith('*') && field.startsWith(key.slice(0, -1)))
    .sort((a, b) => b.length - a.length);
  return prefixes.length > 0 ? reasons[prefixes[0]!] : undefined;
}
