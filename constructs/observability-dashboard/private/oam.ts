import * as oam from 'aws-cdk-lib/aws-oam';
import { Construct } from 'constructs';
import { checkCount, checkEach, checkPattern, checkUnique, Limits } from '../../core';
import { ObservabilityLinkOptions, ObservabilitySinkOptions } from '../types';

/** Resource types a source account can share through an Observability Access Manager link. Source: OAM API, CreateLink ResourceTypes. */
const OAM_RESOURCE_TYPES = [
  'AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup', 'AWS::XRay::Trace', 'AWS::ApplicationInsights::Application',
  'AWS::InternetMonitor::Monitor', 'AWS::ApplicationSignals::Service', 'AWS::ApplicationSignals::ServiceLevelObjective',
];
const DEFAULT_RESOURCE_TYPES = ['AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup', 'AWS::XRay::Trace'];

const SINK_ARN = /arn:aws[a-z-]*:oam:[a-z0-9-]+:\d{12}:sink\/[A-Za-z0-9-]+/;

/** Creates the sink and its policy. */
export function createSink(scope: Construct, options: ObservabilitySinkOptions): oam.CfnSink {
  checkPattern(scope, 'observabilitySink.sinkName', options.sinkName, /[\w.-]{1,255}/, '1-255 letters, digits, "_", "." and "-"');
  checkEach(scope, 'observabilitySink.sourceAccountIds', options.sourceAccountIds, Limits.organizations.accountIdPattern, 'a 12-digit AWS account id');
  checkPattern(scope, 'observabilitySink.organizationId', options.organizationId, Limits.organizations.organizationIdPattern, 'an AWS Organizations id ("o-" and 10-32 characters)');
  checkResourceTypes(scope, 'observabilitySink.resourceTypes', options.resourceTypes);
  const accounts = options.sourceAccountIds ?? [];
  if (accounts.length === 0 && !options.organizationId) {
    checkCount(scope, 'observabilitySink.sourceAccountIds', accounts, 1, Number.MAX_SAFE_INTEGER);
  }
  const resourceTypes = options.resourceTypes ?? DEFAULT_RESOURCE_TYPES;
  const statements: object[] = [];
  const actions = ['oam:CreateLink', 'oam:UpdateLink'];
  const condition = { 'ForAllValues:StringEquals': { 'oam:ResourceTypes': resourceTypes } };
  if (accounts.length > 0) statements.push({ Effect: 'Allow', Principal: { AWS: accounts }, Action: actions, Resource: '*', Condition: condition });
  if (options.organizationId) {
    statements.push({ Effect: 'Allow', Principal: '*', Action: actions, Resource: '*', Condition: { ...condition, StringEquals: { 'aws:PrincipalOrgID': options.organizationId } } });
  }
  return new oam.CfnSink(scope, 'ObservabilitySink', {
    name: options.sinkName ?? 'gantry-monitoring',
    policy: { Version: '2012-10-17', Statement: statements }, // in a sink policy, '*' is this sink
  });
}

/** Creates the link to a central sink. */
export function createLink(scope: Construct, options: ObservabilityLinkOptions): oam.CfnLink {
  checkPattern(scope, 'observabilityLink.sinkArn', options.sinkArn, SINK_ARN, 'an OAM sink ARN (arn:aws:oam:<region>:<account>:sink/<id>)');
  checkResourceTypes(scope, 'observabilityLink.resourceTypes', options.resourceTypes);
  return new oam.CfnLink(scope, 'ObservabilityLink', {
    sinkIdentifier: options.sinkArn,
    resourceTypes: options.resourceTypes ?? DEFAULT_RESOURCE_TYPES,
    labelTemplate: options.labelTemplate ?? '$AccountName',
  });
}

function checkResourceTypes(scope: Construct, prop: string, types: string[] | undefined): void {
  if (!types) return;
  checkCount(scope, prop, types, 1, OAM_RESOURCE_TYPES.length);
  checkUnique(scope, prop, types);
  types.forEach((t, i) => { if (!OAM_RESOURCE_TYPES.includes(t)) checkPattern(scope, `${prop}[${i}]`, t, new RegExp(OAM_RESOURCE_TYPES.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')), `one of ${OAM_RESOURCE_TYPES.join(', ')}`); });
}
