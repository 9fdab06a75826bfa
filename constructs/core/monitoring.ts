import { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';

/**
 * Where constructs register what they create so that dashboards and alarms come for free.
 * `ObservabilityDashboard` implements it; any construct with a `monitoring` prop calls it.
 */
export interface IMonitoring {
  /**
   * Monitor a resource: the implementation picks the monitor by the resource's type.
   * @param resource the construct to monitor (a Lambda function, a queue, a pipeline ...)
   * @param title a section title; defaults to the construct's path
   */
  monitor(resource: IConstruct, title?: string): void;

  /**
   * Show alarms a construct created (for example a deployment's version alarms) and route their
   * actions like the monitoring's own alarms.
   */
  addAlarms(title: string, alarms: IAlarm[]): void;
}

/**
 * Anything that exposes the alarms that should stop or roll back a deployment, so a pipeline
 * stage can gate on a blue/green deployment's alarms without knowing its class.
 */
export interface IDeploymentAlarmSource {
  /** Alarms that signal an unhealthy deployment. */
  readonly deploymentAlarms: IAlarm[];
}
