import * as lambda from 'aws-cdk-lib/aws-lambda';
import { suppressNagFindings } from './nag';

/** Why a Gantry handler function is not placed in a VPC and reserves no concurrency. */
export interface HandlerPlacementReasons {
  /** Why the function needs no VPC (what it calls). */
  readonly network: string;
  /** Why it reserves no concurrency (how often it runs). */
  readonly concurrency: string;
}

const RUNTIME_REASON = 'The handler is pre-bundled for the project-wide Node.js 22 runtime (projen lambdaOptions); it moves with the project, not per function.';

/**
 * Records, with their reasons, the cdk-nag findings every pre-bundled Gantry handler function
 * accepts: no VPC placement and no reserved concurrency (NIST, HIPAA, PCI), and the runtime pinned
 * by the library build rather than "latest" (AwsSolutions, Serverless).
 */
export function acceptHandlerFunctionFindings(fn: lambda.Function, reasons: HandlerPlacementReasons): void {
  suppressNagFindings(fn, [
    { id: 'NIST.800.53.R5-LambdaInsideVPC', reason: reasons.network },
    { id: 'HIPAA.Security-LambdaInsideVPC', reason: reasons.network },
    { id: 'PCI.DSS.321-LambdaInsideVPC', reason: reasons.network },
    { id: 'NIST.800.53.R5-LambdaConcurrency', reason: reasons.concurrency },
    { id: 'HIPAA.Security-LambdaConcurrency', reason: reasons.concurrency },
    { id: 'AwsSolutions-L1', reason: RUNTIME_REASON },
    { id: 'Serverless-LambdaLatestVersion', reason: RUNTIME_REASON },
  ]);
}
