import { App, Stack, Token } from 'aws-cdk-lib';
import { AWS_REGIONS, AWS_REGIONS_SOURCE, checkRegions, partitionOfRegion } from '../../constructs/core';

const scope = () => new Stack(new App(), 'S');

describe('AWS region list', () => {
  test('is dated, names its source and holds the commercial, China and GovCloud partitions', () => {
    expect(AWS_REGIONS_SOURCE.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(AWS_REGIONS_SOURCE.source).toMatch(/@aws-sdk\/core/);
    expect(Object.keys(AWS_REGIONS.aws)).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'mx-central-1']));
    expect(partitionOfRegion('cn-north-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('eu-wset-1')).toBeUndefined();
  });

  test('a typo fails and names the region meant', () => {
    expect(() => checkRegions(scope(), 'regions', ['eu-wset-1', 'us-east-1']))
      .toThrow(/invalid 'regions\[0\]': got "eu-wset-1"; allowed: a region code AWS lists .*did you mean "eu-west-1"\?/);
  });

  test('a code of the right shape that AWS does not list fails', () => {
    expect(() => checkRegions(scope(), 'regions', ['eu-west-9'])).toThrow(/'regions\[0\]': got "eu-west-9"/);
  });

  test('regions of two partitions fail', () => {
    expect(() => checkRegions(scope(), 'regions', ['eu-west-1', 'cn-north-1'])).toThrow(/'regions\[1\]'.*one partition/);
  });

  test('real regions and tokens pass', () => {
    expect(() => checkRegions(scope(), 'regions', ['eu-west-1', 'us-east-1', Token.asString({ Ref: 'R' })])).not.toThrow();
    expect(() => checkRegions(scope(), 'regions', Token.asList({ Ref: 'Rs' }))).not.toThrow();
  });
});
