import { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { countStarWarsMentions, textOf } from './count';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'star-wars-counter';
const logger = new Logger({ serviceName });
const metrics = new Metrics({ serviceName, namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Gantry/StarWars' });
const tracer = new Tracer({ serviceName });

/** Counts "Star Wars" mentions in the event's text and publishes the count as an EMF metric. */
export const handler = async (event: unknown): Promise<{ statusCode: number; body: string }> => {
  const segment = tracer.getSegment()?.addNewSubsegment('count');
  try {
    const text = textOf(event);
    const count = countStarWarsMentions(text);
    metrics.addMetric('StarWarsMentions', MetricUnit.Count, count);
    logger.info('counted', { count, characters: text.length });
    return { statusCode: 200, body: JSON.stringify({ count }) };
  } finally {
    segment?.close();
    metrics.publishStoredMetrics();
  }
};
