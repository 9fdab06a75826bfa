import { IConstruct } from 'constructs';
import { AWS_REGIONS, AWS_REGIONS_SOURCE } from './aws-regions.generated';

export { AWS_REGIONS, AWS_REGIONS_SOURCE };
import { didYouMean } from './suggest';
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
      const known = Object.values(AWS_REGIONS).flatMap((codes) => Object.keys(codes));
      fail(scope, `${prop}[${index}]`, region, `a region code AWS lists (${AWS_REGIONS_SOURCE.source}, read ${AWS_REGIONS_SOURCE.date})`
        + `${didYouMean(region, known, { max: 1, maxDistance: 3 })} A newer region than the list: refresh it with \`npx projen refresh:regions\``);
    }
    firstPartition = firstPartition ?? partition;
    if (partition !== firstPartition) {
      fail(scope, `${prop}[${index}]`, region, `regions of one partition: ${regions[0]} is in ${firstPartition}, ${region} in ${partition}`);
    }
  });
}
