import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FisClient, GetActionCommand, ListActionsCommand } from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { FAULTS } from '../../constructs/chaos-experiment/faults';
import { Limits } from '../../constructs/core';
import { ActionCatalogue, buildCatalogue, fromApi, fromApiShape, OUTPUT, parseActionsReference, REFERENCE_URL } from '../../scripts/refresh-fis-actions';

const catalogue = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ActionCatalogue;
const byId = new Map(catalogue.actions.map((a) => [a.id, a]));

describe('the committed FIS action catalogue (data/fis/actions.json)', () => {
  test('records its source and date and holds the full reference, not a sample', () => {
    expect(catalogue.source).toContain(REFERENCE_URL);
    expect(catalogue.retrievedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The reference listed 50 actions on 2026-12-01, over 18 service prefixes.
    expect(catalogue.actions.length).toBeGreaterThanOrEqual(50);
    expect(new Set(catalogue.actions.map((a) => a.id.split(':')[1])).size).toBeGreaterThanOrEqual(18);
  });

  test('its resource types are exactly the ones a target may name (Limits.fis.resourceTypes)', () => {
    const types = new Set(catalogue.actions.flatMap((a) => a.resourceTypes));
    expect([...types].sort()).toEqual([...Limits.fis.resourceTypes].sort());
  });

  test.each(Object.entries(FAULTS))('typed fault %s: its action id is in it, acting on the fault\'s resource type', (_name, def) => {
    const action = byId.get(def.actionId);
    expect(action).toBeDefined();
    expect(action!.resourceTypes).toEqual(def.resourceType ? [def.resourceType] : []);
  });
});

/** An excerpt in the page's shape (written for this test, not copied from the page). */
const PAGE = `# AWS FIS Actions reference

Intro text.

###### Actions

- [Fault injection actions](#x "#x")

## Wait action

### aws:fis:wait

Runs the wait action. More text.

###### Parameters

- **duration** – The duration,
  from one minute to 12 hours.

###### Permissions

- None

## Amazon EC2 actions

###### Actions

- [aws:ec2:stop-instances](#stop "#stop")

### aws:ec2:stop-instances

Runs [StopInstances](../x.md "x") on the \`target\` instances.

###### Resource type

- **aws:ec2:instance**

###### Parameters

- **startInstancesAfterDuration**
  – Optional. The time to wait before starting the instance.
- **scope** – The traffic to deny. The possible values are:
  - \`all\` – everything.
  - \`vpc\` – the VPC.

- **force** – Force it. The default is false.
- \`region\` – The Region.

###### Permissions

- \`ec2:StopInstances\`
- \`ec2:DescribeInstances\` – Optional. Required with
  **completeIfInstancesTerminated**.
- \`S3:PauseReplication\` with condition key
  \`S3:IsReplicationPauseRequest\` set to \`True\`

\\* A note after the list.

- \`not:Listed\`

###### Example

\`\`\`
### aws:not:an-action
\`\`\`

###### AWS managed policy

- [AWSFaultInjectionSimulatorEC2Access](../x.md "x")
`;

describe('refresh-fis-actions', () => {
  test('reads the actions reference page: resource types, parameters (nested values are not parameters), permissions, managed policies', () => {
    expect(parseActionsReference(PAGE)).toEqual([
      {
        id: 'aws:ec2:stop-instances',
        description: 'Runs StopInstances on the target instances.',
        resourceTypes: ['aws:ec2:instance'],
        parameters: {
          force: { required: false },
          region: { required: true },
          scope: { required: true },
          startInstancesAfterDuration: { required: false },
        },
        permissions: ['ec2:StopInstances', 'ec2:DescribeInstances', 's3:PauseReplication'],
        managedPolicies: ['AWSFaultInjectionSimulatorEC2Access'],
      },
      { id: 'aws:fis:wait', description: 'Runs the wait action.', resourceTypes: [], parameters: { duration: { required: true } }, permissions: [] },
    ]);
  });

  test('rejects a page without actions, an action listed twice, a bad resource type and an unreadable parameter', () => {
    expect(() => parseActionsReference('# Nothing here')).toThrow('no "### aws:<service>:<action>" section in the page');
    expect(() => parseActionsReference('### aws:fis:wait\n\n### aws:fis:wait\n')).toThrow('action aws:fis:wait listed twice');
    expect(() => parseActionsReference('### aws:fis:wait\n\n###### Resource type\n\n- **instance**\n')).toThrow('aws:fis:wait: "instance" is not a resource type');
    expect(() => parseActionsReference('### aws:fis:wait\n\n###### Parameters\n\n- duration, the duration\n')).toThrow('aws:fis:wait: cannot read the parameter "duration, the duration"');
  });

  test('one command: by default it downloads the page; a path reads a saved copy; the source and date are recorded', async () => {
    const urls: string[] = [];
    const downloaded = await buildCatalogue(undefined, '2026-12-01', async (url) => {
      urls.push(url);
      return PAGE;
    });
    expect(urls).toEqual([REFERENCE_URL]);
    expect(downloaded.source).toBe(`AWS FIS User Guide, "AWS FIS Actions reference" (${REFERENCE_URL})`);
    expect(downloaded.retrievedOn).toBe('2026-12-01');
    expect(downloaded.actions.map((a) => a.id)).toEqual(['aws:ec2:stop-instances', 'aws:fis:wait']);

    const file = join(mkdtempSync(join(tmpdir(), 'fis-')), 'fis-actions-reference.md');
    writeFileSync(file, PAGE);
    const saved = await buildCatalogue(file, '2026-12-02', async () => {
      throw new Error('no download for a saved copy');
    });
    expect(saved.source).toContain('read from a saved copy of the page');
    expect(saved.actions).toEqual(downloaded.actions);
  });

  test('--api: every page of ListActions, parameters and target keys from GetAction', async () => {
    const fis: any = mockClient(FisClient as any);
    fis.on(ListActionsCommand, { nextToken: undefined }).resolves({ actions: [{ id: 'aws:fis:wait' }], nextToken: 'p2' });
    fis.on(ListActionsCommand, { nextToken: 'p2' }).resolves({ actions: [{ id: 'aws:ec2:stop-instances' }] });
    fis.on(GetActionCommand, { id: 'aws:fis:wait' }).resolves({ action: { id: 'aws:fis:wait', description: 'Wait.', parameters: { duration: { required: true } }, targets: {} } });
    fis.on(GetActionCommand, { id: 'aws:ec2:stop-instances' }).resolves({
      action: { id: 'aws:ec2:stop-instances', description: 'Stop.', parameters: { startInstancesAfterDuration: { required: false } }, targets: { Instances: { resourceType: 'aws:ec2:instance' } } },
    });
    try {
      expect(fromApiShape(await fromApi('eu-west-1'))).toEqual([
        { id: 'aws:ec2:stop-instances', description: 'Stop.', resourceTypes: ['aws:ec2:instance'], targets: { Instances: 'aws:ec2:instance' }, parameters: { startInstancesAfterDuration: { required: false } } },
        { id: 'aws:fis:wait', description: 'Wait.', resourceTypes: [], targets: {}, parameters: { duration: { required: true } } },
      ]);
      expect(fis.commandCalls(ListActionsCommand)).toHaveLength(2);
      expect((await buildCatalogue('--api', '2026-12-01')).source).toBe(`FIS API ListActions and GetAction in ${process.env.AWS_REGION ?? 'us-east-1'}`);
    } finally {
      fis.restore();
    }
  });

  test('the API shape is checked too', () => {
    expect(() => fromApiShape([{ id: 'aws:fis:wait' }, { id: 'aws:fis:wait' }])).toThrow('action aws:fis:wait listed twice');
    expect(() => fromApiShape([{ id: 'ec2:stop' }])).toThrow('not an FIS action id: "ec2:stop"');
    expect(() => fromApiShape([{ id: 'aws:ec2:stop-instances', targets: { Instances: {} } }])).toThrow('aws:ec2:stop-instances: target Instances has no resourceType');
  });
});
