import { ComplianceType, ConfigServiceClient, GetResourceConfigHistoryCommand, PutEvaluationsCommand, ResourceType } from '@aws-sdk/client-config-service';

/**
 * Gantry's built-in evaluator for custom Lambda rules: a resource is COMPLIANT when the property at
 * `propertyPath` (a dotted path in the configuration item) equals `expectedValue` (both rule
 * parameters), NON_COMPLIANT otherwise, NOT_APPLICABLE when the resource is deleted or out of the
 * rule's scope. Oversized configuration items are fetched from the configuration history.
 */

const config = new ConfigServiceClient({});

/** The part of a configuration item the evaluator reads. */
export interface ConfigurationItem {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly configurationItemCaptureTime: string;
  readonly configurationItemStatus?: string;
  readonly [key: string]: unknown;
}

interface InvokingEvent {
  readonly messageType: string;
  readonly configurationItem?: ConfigurationItem;
  readonly configurationItemSummary?: { resourceType: string; resourceId: string; configurationItemCaptureTime: string };
  readonly notificationCreationTime?: string;
}

/** The event Config sends a custom Lambda rule. */
export interface ConfigRuleEvent {
  readonly invokingEvent: string;
  readonly ruleParameters?: string;
  readonly resultToken: string;
  readonly eventLeftScope?: boolean;
  readonly configRuleName?: string;
  readonly accountId?: string;
}

export interface RuleParameters {
  readonly propertyPath: string;
  readonly expectedValue: string;
}

/** The value at a dotted path (`configuration.a.b`), or undefined. */
export function valueAt(item: Record<string, unknown>, propertyPath: string): unknown {
  let current: unknown = item;
  for (const key of propertyPath.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The compliance of one configuration item. */
export function evaluate(item: ConfigurationItem, parameters: RuleParameters, applicable: boolean): ComplianceType {
  if (!applicable || item.configurationItemStatus === 'ResourceDeleted' || item.configurationItemStatus === 'ResourceDeletedNotRecorded') {
    return ComplianceType.Not_Applicable;
  }
  const actual = valueAt(item, parameters.propertyPath);
  const asText = actual === undefined || actual === null ? undefined : typeof actual === 'object' ? JSON.stringify(actual) : String(actual);
  return asText === parameters.expectedValue ? ComplianceType.Compliant : ComplianceType.Non_Compliant;
}

function parseParameters(ruleParameters: string | undefined): RuleParameters {
  const parsed = JSON.parse(ruleParameters ?? '{}') as Partial<RuleParameters>;
  if (typeof parsed.propertyPath !== 'string' || !parsed.propertyPath || typeof parsed.expectedValue !== 'string') {
    throw new Error('rule parameters propertyPath and expectedValue are required');
  }
  return { propertyPath: parsed.propertyPath, expectedValue: parsed.expectedValue };
}

async function configurationItemOf(event: InvokingEvent): Promise<ConfigurationItem | undefined> {
  if (event.messageType === 'ConfigurationItemChangeNotification') return event.configurationItem;
  if (event.messageType === 'OversizedConfigurationItemChangeNotification' && event.configurationItemSummary) {
    const summary = event.configurationItemSummary;
    const history = await config.send(new GetResourceConfigHistoryCommand({
      resourceType: summary.resourceType as ResourceType,
      resourceId: summary.resourceId,
      laterTime: new Date(summary.configurationItemCaptureTime),
      limit: 1,
    }));
    const latest = history.configurationItems?.[0];
    if (!latest) return undefined;
    return {
      ...latest,
      resourceType: String(latest.resourceType),
      resourceId: String(latest.resourceId),
      configurationItemCaptureTime: (latest.configurationItemCaptureTime ?? new Date()).toISOString(),
      configurationItemStatus: latest.configurationItemStatus,
      configuration: latest.configuration ? JSON.parse(latest.configuration) : undefined,
    };
  }
  return undefined; // ScheduledNotification: this evaluator judges configuration items only
}

export const handler = async (event: ConfigRuleEvent): Promise<{ compliance?: ComplianceType }> => {
  const invoking = JSON.parse(event.invokingEvent) as InvokingEvent;
  const item = await configurationItemOf(invoking);
  if (!item) {
    console.log(JSON.stringify({ message: 'no configuration item to evaluate', messageType: invoking.messageType }));
    return {};
  }
  const parameters = parseParameters(event.ruleParameters);
  const applicable = event.eventLeftScope !== true;
  const compliance = evaluate(item, parameters, applicable);
  await config.send(new PutEvaluationsCommand({
    ResultToken: event.resultToken,
    Evaluations: [{
      ComplianceResourceType: item.resourceType,
      ComplianceResourceId: item.resourceId,
      ComplianceType: compliance,
      Annotation: compliance === ComplianceType.Non_Compliant ? `${parameters.propertyPath} is not ${parameters.expectedValue}`.slice(0, 256) : undefined,
      OrderingTimestamp: new Date(item.configurationItemCaptureTime),
    }],
  }));
  console.log(JSON.stringify({ message: 'evaluated', resourceType: item.resourceType, resourceId: item.resourceId, compliance }));
  return { compliance };
};
