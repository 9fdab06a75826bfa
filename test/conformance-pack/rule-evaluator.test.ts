import { ComplianceType, ConfigServiceClient, GetResourceConfigHistoryCommand, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { evaluate, handler, valueAt } from '../../constructs/conformance-pack/rule-evaluator.lambda';

const config = mockClient(ConfigServiceClient);
beforeEach(() => config.reset());

const parameters = JSON.stringify({ propertyPath: 'supplementaryConfiguration.BucketVersioningConfiguration.status', expectedValue: 'Enabled' });
const item = (status: string, itemStatus = 'OK') => ({
  resourceType: 'AWS::S3::Bucket',
  resourceId: 'my-bucket',
  configurationItemCaptureTime: '2026-11-21T10:00:00.000Z',
  configurationItemStatus: itemStatus,
  supplementaryConfiguration: { BucketVersioningConfiguration: { status } },
});
const changeEvent = (configurationItem: object, extra: object = {}) => ({
  invokingEvent: JSON.stringify({ messageType: 'ConfigurationItemChangeNotification', configurationItem }),
  ruleParameters: parameters,
  resultToken: 'token-1',
  ...extra,
});

test('valueAt follows dotted paths and stops at missing keys', () => {
  expect(valueAt({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
  expect(valueAt({ a: { b: null } }, 'a.b.c')).toBeUndefined();
  expect(valueAt({ a: 'x' }, 'a.b')).toBeUndefined();
});

test('evaluate: equal is compliant, different or missing is not, deleted is not applicable', () => {
  const p = { propertyPath: 'supplementaryConfiguration.BucketVersioningConfiguration.status', expectedValue: 'Enabled' };
  expect(evaluate(item('Enabled'), p, true)).toBe(ComplianceType.Compliant);
  expect(evaluate(item('Suspended'), p, true)).toBe(ComplianceType.Non_Compliant);
  expect(evaluate({ ...item('Enabled'), supplementaryConfiguration: {} }, p, true)).toBe(ComplianceType.Non_Compliant);
  expect(evaluate(item('Enabled', 'ResourceDeleted'), p, true)).toBe(ComplianceType.Not_Applicable);
  expect(evaluate(item('Enabled'), p, false)).toBe(ComplianceType.Not_Applicable);
});

test('a change notification puts one evaluation with the result token', async () => {
  config.on(PutEvaluationsCommand).resolves({});
  await expect(handler(changeEvent(item('Suspended')))).resolves.toEqual({ compliance: 'NON_COMPLIANT' });
  const calls = config.commandCalls(PutEvaluationsCommand);
  expect(calls).toHaveLength(1);
  expect(calls[0].args[0].input).toEqual({
    ResultToken: 'token-1',
    Evaluations: [{
      ComplianceResourceType: 'AWS::S3::Bucket',
      ComplianceResourceId: 'my-bucket',
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'supplementaryConfiguration.BucketVersioningConfiguration.status is not Enabled',
      OrderingTimestamp: new Date('2026-11-21T10:00:00.000Z'),
    }],
  });
});

test('a resource that left the rule scope is not applicable', async () => {
  config.on(PutEvaluationsCommand).resolves({});
  await expect(handler(changeEvent(item('Suspended'), { eventLeftScope: true }))).resolves.toEqual({ compliance: 'NOT_APPLICABLE' });
});

test('an oversized item is read from the configuration history', async () => {
  config.on(GetResourceConfigHistoryCommand).resolves({
    configurationItems: [{
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'big-bucket',
      configurationItemStatus: 'OK',
      configurationItemCaptureTime: new Date('2026-11-21T11:00:00.000Z'),
      supplementaryConfiguration: { BucketVersioningConfiguration: '{"status":"Enabled"}' },
      configuration: '{}',
    }],
  });
  config.on(PutEvaluationsCommand).resolves({});
  const event = {
    invokingEvent: JSON.stringify({
      messageType: 'OversizedConfigurationItemChangeNotification',
      configurationItemSummary: { resourceType: 'AWS::S3::Bucket', resourceId: 'big-bucket', configurationItemCaptureTime: '2026-11-21T11:00:00.000Z' },
    }),
    ruleParameters: JSON.stringify({ propertyPath: 'resourceId', expectedValue: 'big-bucket' }),
    resultToken: 'token-2',
  };
  await expect(handler(event)).resolves.toEqual({ compliance: 'COMPLIANT' });
  expect(config.commandCalls(GetResourceConfigHistoryCommand)[0].args[0].input).toMatchObject({ resourceType: 'AWS::S3::Bucket', resourceId: 'big-bucket', limit: 1 });
});

test('a scheduled notification evaluates nothing', async () => {
  const event = { invokingEvent: JSON.stringify({ messageType: 'ScheduledNotification' }), ruleParameters: parameters, resultToken: 't' };
  await expect(handler(event)).resolves.toEqual({});
  expect(config.commandCalls(PutEvaluationsCommand)).toHaveLength(0);
});

test('missing rule parameters fail loudly', async () => {
  await expect(handler({ ...changeEvent(item('Enabled')), ruleParameters: '{}' })).rejects.toThrow(/propertyPath and expectedValue/);
});
