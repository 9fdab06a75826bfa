import { Metrics } from '@aws-lambda-powertools/metrics';
import { subsetMismatch } from '../../../constructs/blue-green-lambda/smoke-test.lambda';
import { handler } from '../../../examples/service/star-wars-counter.lambda';
import { KNOWN_INPUT } from '../../../examples/service-stack';

// Powertools writes EMF and logs to stdout through its own console: capture the lines there.
let lines: string[];
beforeEach(() => {
  lines = [];
  jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write);
});
afterEach(() => jest.restoreAllMocks());

const records = () => lines.map((line) => JSON.parse(line));
const emf = () => records().filter((r) => r._aws !== undefined);

test('a direct invocation gets the count, which is published as the StarWarsMentions EMF metric', async () => {
  const addMetric = jest.spyOn(Metrics.prototype, 'addMetric');
  await expect(handler({ text: 'Star Wars! I love star wars.' })).resolves.toEqual({ count: 2 });
  expect(addMetric).toHaveBeenCalledWith('StarWarsMentions', 'Count', 2);

  const [metric] = emf();
  expect(metric._aws.CloudWatchMetrics).toEqual([{
    Namespace: 'Gantry/StarWars',
    Dimensions: [['service']],
    Metrics: [{ Name: 'StarWarsMentions', Unit: 'Count' }],
  }]);
  expect(metric).toMatchObject({ service: 'star-wars-counter', StarWarsMentions: 2 });
});

test('the structured log line carries the count', async () => {
  await handler({ text: 'star wars' });
  expect(records()).toContainEqual(expect.objectContaining({ level: 'INFO', message: 'counted', count: 1, characters: 9, service: 'star-wars-counter' }));
});

test('an HTTP event gets an HTTP response with the count as JSON body', async () => {
  const response = await handler({ body: JSON.stringify({ text: 'Star Wars, Star Wars, Star Wars' }), requestContext: {} });
  expect(response).toEqual({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"count":3}' });
  expect(emf()[0].StarWarsMentions).toBe(3);
});

test('no mention is a zero data point (the metric keeps flowing), once per invocation', async () => {
  await handler({ text: 'nothing to see' });
  await handler({});
  expect(emf().map((m) => m.StarWarsMentions)).toEqual([0, 0]);
});

test('the service stack\'s smoke test passes against this handler (same subset match as the hook)', async () => {
  const response = await handler(KNOWN_INPUT.payload);
  expect(subsetMismatch(KNOWN_INPUT.expected, JSON.parse(JSON.stringify(response)), '$')).toBeUndefined();
  // A wrong count is caught: the hook would report Failed and CodeDeploy roll back.
  expect(subsetMismatch({ count: 3 }, response, '$')).toBe('$.count');
});
