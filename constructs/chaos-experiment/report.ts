import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * An FIS experiment report: after each experiment FIS writes a report (PDF) of its timeline and
 * results to S3, with snapshot graphs of the given CloudWatch dashboards before, during and after
 * the experiment. The experiment role gets exactly the reads and writes this needs.
 */
export interface ChaosExperimentReport {
  /**
   * Bucket FIS writes the reports to.
   * @default - a bucket with Gantry's secure defaults (SSE-KMS with a rotating key, TLS only,
   * versioned, public access blocked, access logs, retained)
   */
  readonly bucket?: s3.IBucket;
  /**
   * Key prefix of the reports (1-256 characters without spaces, no leading or trailing slash).
   * @default 'fis-reports'
   */
  readonly prefix?: string;
  /**
   * Dashboards whose widgets the report shows as graphs, for example
   * `observabilityDashboard.dashboards` once the monitored resources are registered.
   * @default - no graphs: the report has the experiment's timeline and results
   */
  readonly dashboards?: cloudwatch.Dashboard[];
  /**
   * How long before the experiment's start the graphs begin (ISO 8601, at most 32 characters).
   * @default - the FIS default
   */
  readonly preExperimentDuration?: Duration;
  /**
   * How long after the experiment's end the graphs go on (ISO 8601, at most 32 characters).
   * @default - the FIS default
   */
  readonly postExperimentDuration?: Duration;
}
