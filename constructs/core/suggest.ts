/**
 * "Did you mean ...?" for a value that is not one of a known set (rule identifiers, region codes,
 * parameter names): the nearest candidates by edit distance, case ignored. The one way Gantry suggests.
 */

/** Options of `nearestMatches`. */
export interface NearestMatchOptions {
  /** At most this many suggestions. Default 3. */
  readonly max?: number;
  /** Farthest edit distance still suggested. Default: a quarter of the value's length, at least 2. */
  readonly maxDistance?: number;
}

/**
 * The candidates nearest to `value` (Levenshtein distance on the upper-cased strings, ties in the
 * candidates' order), within `maxDistance` and at most one edit farther than the nearest, so a clear
 * match is not diluted by distant ones. A value that differs only in case comes first.
 */
export function nearestMatches(value: string, candidates: Iterable<string>, options: NearestMatchOptions = {}): string[] {
  const max = options.max ?? 3;
  const maxDistance = options.maxDistance ?? Math.max(2, Math.floor(value.length / 4));
  const wanted = value.toUpperCase();
  const scored: Array<{ candidate: string; distance: number; order: number }> = [];
  let order = 0;
  for (const candidate of candidates) {
    if (candidate === value) continue;
    const distance = editDistance(wanted, candidate.toUpperCase());
    if (distance <= maxDistance) scored.push({ candidate, distance, order: order++ });
  }
  const nearest = Math.min(...scored.map((s) => s.distance));
  return scored
    .filter((s) => s.distance <= nearest + 1)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, max)
    .map((s) => s.candidate);
}

/** `; did you mean "A" or "B"?` for the nearest candidates, or '' when none is near. */
export function didYouMean(value: string, candidates: Iterable<string>, options: NearestMatchOptions = {}): string {
  const nearest = nearestMatches(value, candidates, options);
  if (nearest.length === 0) return '';
  const quoted = nearest.map((n) => JSON.stringify(n));
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return `; did you mean ${list}?`;
}

/** Levenshtein distance (insertions, deletions, substitutions), one row of memory. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
