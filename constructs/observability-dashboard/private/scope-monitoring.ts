import { CfnResource, IAspect } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { CustomMetrics } from '../custom-metrics';
import { monitorFor } from '../monitors';

/**
 * True when scope-wide monitoring should pick up a construct: a supported resource created in
 * this app (it owns a CloudFormation resource, so imports are left out), not a Lambda version
 * (the function and its aliases already cover it) and not a custom-metric group (opt-in).
 */
export function isDiscoverable(node: IConstruct, kinds?: string[]): boolean {
  if (node instanceof lambda.Version || node instanceof CustomMetrics) return false;
  if (!node.node.defaultChild || !CfnResource.isCfnResource(node.node.defaultChild)) return false;
  const monitor = monitorFor(node);
  return !!monitor && (!kinds || kinds.includes(monitor.kind));
}

/** The aspect behind scope-wide monitoring: catches resources added after `monitorScope()` was called. */
export class ScopeMonitoringAspect implements IAspect {
  constructor(private readonly monitorIfNew: (node: IConstruct) => void) {}
  public visit(node: IConstruct): void {
    this.monitorIfNew(node);
  }
}
