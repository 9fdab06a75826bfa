import { didYouMean, editDistance, nearestMatches } from '../../constructs/core';

test('edit distance counts insertions, deletions and substitutions', () => {
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
  expect(editDistance('same', 'same')).toBe(0);
});

test('suggests by edit distance, not by prefix', () => {
  const known = ['CLOUD_TRAIL_ENABLED', 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED', 'CLOUDWATCH_ALARM_ACTION_CHECK', 'S3_BUCKET_VERSIONING_ENABLED'];
  // A prefix match would offer CLOUDTRAIL_S3_DATAEVENTS_ENABLED first; one character apart is CLOUD_TRAIL_ENABLED.
  expect(nearestMatches('CLOUDTRAIL_ENABLED', known)).toEqual(['CLOUD_TRAIL_ENABLED']);
  expect(didYouMean('CLOUDTRAIL_ENABLED', known)).toBe('; did you mean "CLOUD_TRAIL_ENABLED"?');
  // A typo in the first word still finds the rule (a prefix match finds nothing).
  expect(nearestMatches('S4_BUCKET_VERSIONING_ENABLED', known)).toEqual(['S3_BUCKET_VERSIONING_ENABLED']);
});

test('case is ignored and a case-only difference comes first', () => {
  expect(nearestMatches('cloud_trail_enabled', ['CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLE'])).toEqual(['CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENABLE']);
});

test('several near candidates are listed nearest first, at most three', () => {
  expect(didYouMean('eu-west-9', ['eu-west-1', 'eu-west-2', 'eu-west-3', 'us-west-1'], { maxDistance: 1 }))
    .toBe('; did you mean "eu-west-1", "eu-west-2" or "eu-west-3"?');
});

test('nothing near, nothing suggested', () => {
  expect(nearestMatches('SOMETHING_ELSE_ENTIRELY', ['CLOUD_TRAIL_ENABLED'])).toEqual([]);
  expect(didYouMean('SOMETHING_ELSE_ENTIRELY', ['CLOUD_TRAIL_ENABLED'])).toBe('');
});
