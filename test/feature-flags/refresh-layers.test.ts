import { parseLayerTable, renderLayerModule } from '../../scripts/refresh-appconfig-extension-layers';

// A trimmed copy of the shape of AWS's page (release notes, then one table per platform).
const PAGE = `# Understanding available versions of the AWS AppConfig Agent Lambda extension

## AWS AppConfig Agent Lambda Extension release notes

| Version | Launch date | Notes | 
| --- | --- | --- | 
| 2.0.17054.0 | 05/14/2026 | Minor enhancements and bug fixes.  | 
| 2.0.678 | 07/23/2024 | Enhancements to support feature flag targets, variants, and splits. | 

## x86-64 platform

**Version 2.0.17054.0**  

| Region | ARN | 
| --- | --- | 
| US East (N. Virginia) | \`arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:321\` | 
| Europe (Ireland) | \`arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension:303\` | 
| China (Beijing) | \`arn:aws-cn:lambda:cn-north-1:615057806174:layer:AWS-AppConfig-Extension:243\` | 

## ARM64 platform

**Version 2.0.17054.0**  

| Region | ARN | 
| --- | --- | 
| US East (N. Virginia) | \`arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension-Arm64:254\` | 
| Europe (Ireland) | \`arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension-Arm64:241\` | 

## Older extension versions

**Version 2.0.122**

| US East (N. Virginia) | \`arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:128\` | 
`;

test('parses the current version, its release date and one ARN per region and architecture (older versions ignored)', () => {
  const table = parseLayerTable(PAGE);
  expect(table).toEqual({
    version: '2.0.17054.0',
    releasedOn: '2026-05-14',
    x86_64: {
      'cn-north-1': 'arn:aws-cn:lambda:cn-north-1:615057806174:layer:AWS-AppConfig-Extension:243',
      'eu-west-1': 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension:303',
      'us-east-1': 'arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension:321',
    },
    arm64: {
      'eu-west-1': 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension-Arm64:241',
      'us-east-1': 'arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension-Arm64:254',
    },
  });
  const module = renderLayerModule(table, '2026-12-01');
  expect(module).toContain("checkedOn: '2026-12-01'");
  expect(module).toContain("'eu-west-1': 'arn:aws:lambda:eu-west-1:434848589818:layer:AWS-AppConfig-Extension-Arm64:241',");
});

test('a page whose shape changed fails loudly instead of writing a wrong table', () => {
  expect(() => parseLayerTable(PAGE.replace('## ARM64 platform', '## Graviton'))).toThrow(/ARM64 platform/);
  expect(() => parseLayerTable(PAGE.replace(/AWS-AppConfig-Extension-Arm64:254/, 'AWS-AppConfig-Extension:254'))).toThrow(/unexpected layer/);
  expect(() => parseLayerTable(PAGE.replace('| 2.0.17054.0 | 05/14/2026', '| 2.0.1 | 05/14/2026'))).toThrow(/no release-note row/);
  expect(() => parseLayerTable(PAGE.replace('**Version 2.0.17054.0**  \n\n| Region | ARN | \n| --- | --- | \n| US East (N. Virginia) | `arn:aws:lambda:us-east-1:027255383542:layer:AWS-AppConfig-Extension-Arm64:254`', '**Version 2.0.2037**'))).toThrow(/x86-64 lists 2.0.17054.0, ARM64 2.0.2037/);
});
