import { AwsSolutionsChecks, HIPAASecurityChecks, INagLogger, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';

/** The five cdk-nag packs every reference stack must pass. */
export function nagPacks(additionalLoggers: INagLogger[] = []): NagPack[] {
  const props = { verbose: true, additionalLoggers };
  return [
    new AwsSolutionsChecks(props),
    new NIST80053R5Checks(props),
    new HIPAASecurityChecks(props),
    new PCIDSS321Checks(props),
    new ServerlessChecks(props),
  ];
}
