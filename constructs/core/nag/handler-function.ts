import * as lambda from 'aws-cdk-lib/aws-lambda';
import { suppressNagFindings } from './nag';

/** Why a Gantry handler function is not placed in a VPC and reserves no concurrency. */
export interface HandlerPlacementReasons {
  /** Why the function needs no VPC (what it calls). */
  readonly network: string;
  /** Why it reserves no concurrency (how often it runs). */
  readonly concurrency: string;
}

/**
 * Records, with their reasons, the cdk-nag findings every pre-bundled Gantry handler function
 * accepts: no VPC placement and no reserved concurrency (NIST, HIPAA, PCI). The handlers run on the
 * latest Node.js runtime (projen lambdaOptions), so the runtime findings (AwsSolutions-L1,
 * Serverless-LambdaLatestVersion) do not arise and are not accepted.
 */
export function acceptHandlerFunctionFindings(fn: lambda.Function, reasons: HandlerPlacementReasons): void {
  suppressNagFindings(fn, [
    { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: reasons.network },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: reasons.network },
    { id: 'PCI.DSS.321-LambdaInsideVPC', reason: reasons.network },
    { id: 'NIST.800.53.R5-LambdaConcurrency', reason: reasons.concurrency },
    { id: 'HIPAA.Security-LambdaConcurrency', reason: reasons.concurrency },
  ]);
}
