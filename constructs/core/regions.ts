import { IConstruct } from 'constructs';
import { AWS_REGIONS, AWS_REGIONS_SOURCE } from './aws-regions.generated';

export { AWS_REGIONS, AWS_REGIONS_SOURCE };
import { fail, isUnresolved } from './validate';

/** The partition (`aws`, `aws-cn`, `aws-us-gov` ...) a region belongs to, or undefined for a code AWS does not list. */
export function partitionOfRegion(region: string): string | undefined {
  return Object.keys(AWS_REGIONS).find((partition) => region in AWS_REGIONS[partition]);
}

/**
 * A list of region codes AWS publishes (see aws-regions.generated.ts for the source and date), all
 * in one partition, each at most once. A typo fails with the nearest real code, so
 * `eu-wset-1` never reaches a region-deny policy. Tokens pass.
 */
export function checkRegions(scope: IConstruct, prop: string, regions: readonly string[] | undefined): void {
  if (regions === undefined || isUnresolved(regions)) return;
  let firstPartition: string | undefined;
  regions.forEach((region, index) => {
    if (isUnresolved(region)) return;
    const partition = partitionOfRegion(region);
    if (!partition) {
      const nearest = nearestRegion(region);
      fail(scope, `${prop}[${index}]`, region, `a region code AWS lists (${AWS_REGIONS_SOURCE.source}, read ${AWS_REGIONS_SOURCE.date})`
        + `${nearest ? `; did you mean "${nearest}"?` : ''} A newer region than the list: refresh it with \`npx projen refresh:regions\``);
    }
    firstPartition = firstPartition ?? partition;
    if (partition !== firstPartition) {
      fail(scope, `${prop}[${index}]`, region, `regions of one partition: ${regions[0]} is in ${firstPartition}, ${region} in ${partition}`);
    }
  });
}

/** The listed region code closest to a typo (edit distance at most 3), if any. */
function nearestRegion(typo: string): string | undefined {
  let best: { region: string; distance: number } | undefined;
  for (const partition of Object.values(AWS_REGIONS)) {
    for (const region of Object.keys(partition)) {
      const distance = editDistance(typo, region);
      if (distance <= 3 && (!best || distance < best.distance)) best = { region, distance };
    }
  }
  return best?.region;
}

function editDistance(a: string, b: string): number {
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
