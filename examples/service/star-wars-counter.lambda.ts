import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { countStarWarsMentions, isHttpEvent, textOf } from './count';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'star-wars-counter';
const logger = new Logger({ serviceName });
const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Gantry/StarWars' });
const tracer = new Tracer({ serviceName });

/** The answer to a direct invocation (`{ "text": ... }`): the smoke test and the integ test read it. */
export interface CountResponse {
  readonly count: number;
}

/** The answer to an HTTP event (API Gateway, function URL): the count as a JSON body. */
export interface HttpCountResponse {
  readonly statusCode: number;
  readonly headers: { [name: string]: string };
  readonly body: string;
}

/**
 * Counts "Star Wars" mentions in the event's text and publishes the count as the EMF metric
 * `StarWarsMentions` (namespace `Gantry/StarWars`, dimension `service`). Answers `{ count }` to a
 * direct invocation and an HTTP response to an HTTP event.
 */
export const handler = async (event: unknown): Promise<CountResponse | HttpCountResponse> => {
  const segment = tracer.getSegment()?.addNewSubsegment('count');
  try {
    const text = textOf(event);
    const count = countStarWarsMentions(text);
    metrics.addMetric('StarWarsMentions', MetricUnit.Count, count);
    tracer.putAnnotation('mentions', count);
    logger.info('counted', { count, characters: text.length });
    if (!isHttpEvent(event)) return { count };
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count }) };
  } finally {
    segment?.close();
    metrics.publishStoredMetrics();
  }
};
