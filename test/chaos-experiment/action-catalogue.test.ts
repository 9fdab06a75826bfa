import { readFileSync } from 'fs';
import { FisClient, GetActionCommand, ListActionsCommand } from '@aws-sdk/client-fis';
import { mockClient } from 'aws-sdk-client-mock';
import { FAULTS } from '../../constructs/chaos-experiment/faults';
import { ActionCatalogue, fromApi, OUTPUT, parseListActionsOutput, toCatalogueActions } from '../../scripts/refresh-fis-actions';

const catalogue = JSON.parse(readFileSync(OUTPUT, 'utf8')) as ActionCatalogue;
const byId = new Map(catalogue.actions.map((a) => [a.id, a]));

/**
 * Typed faults whose action is not in the committed source yet: the AWS CLI's published
 * list-actions example predates them. `npx projen refresh:fis-actions` (FIS API, credentials
 * needed) brings the full list; then this list must be emptied (the test below fails until it is).
 */
const NOT_IN_COMMITTED_SOURCE = [
  'aws:ec2:asg-insufficient-instance-capacity-error',
  'aws:ecs:stop-task',
  'aws:ecs:task-cpu-stress',
  'aws:ecs:task-network-latency',
  'aws:ecs:task-network-packet-loss',
  'aws:lambda:invocation-add-delay',
  'aws:lambda:invocation-error',
  'aws:network:disrupt-connectivity',
];

describe('the committed FIS action catalogue (data/fis/actions.json)', () => {
  test('records its source and date', () => {
    expect(catalogue.source.length).toBeGreaterThan(20);
    expect(catalogue.retrievedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(catalogue.actions.length).toBeGreaterThan(0);
  });

  test('every typed fault\'s action id is in it with the fault\'s target key and resource type', () => {
    const missing: string[] = [];
    for (const [name, def] of Object.entries(FAULTS)) {
      const action = byId.get(def.actionId);
      if (!action) {
        missing.push(def.actionId);
        continue;
      }
      if (def.targetKey) {
        expect([name, action.targets[def.targetKey]]).toEqual([name, def.resourceType]);
      } else {
        expect([name, action.targets]).toEqual([name, {}]);
      }
    }
    // Exactly the known gaps: a new fault must be in the catalogue, and a refreshed catalogue empties the list.
    expect([...new Set(missing)].sort()).toEqual([...NOT_IN_COMMITTED_SOURCE].sort());
  });
});

describe('refresh-fis-actions', () => {
  const listOutput = {
    actions: [
      { id: 'aws:fis:wait', description: 'Wait.', targets: {}, tags: {} },
      { id: 'aws:ec2:stop-instances', description: 'Stop.', targets: { Instances: { resourceType: 'aws:ec2:instance' } }, tags: {} },
    ],
  };

  test('reads a list-actions output, as JSON or as an AWS CLI example page', () => {
    const rst = ['**To list actions**', '', 'Output::', '', ...JSON.stringify(listOutput, undefined, 4).split('\n').map((l) => `    ${l}`), '', 'For more information, see ...'].join('\n');
    const expected = [
      { id: 'aws:ec2:stop-instances', description: 'Stop.', targets: { Instances: 'aws:ec2:instance' } },
      { id: 'aws:fis:wait', description: 'Wait.', targets: {} },
    ];
    expect(toCatalogueActions(parseListActionsOutput(JSON.stringify(listOutput)))).toEqual(expected);
    expect(toCatalogueActions(parseListActionsOutput(rst))).toEqual(expected);
  });

  test('rejects a page without actions, duplicate or malformed ids and targets without a resource type', () => {
    expect(() => parseListActionsOutput('no output here')).toThrow('no "Output::" block in the page');
    expect(() => parseListActionsOutput('{"actions": []}')).toThrow('no "actions" array');
    expect(() => toCatalogueActions([{ id: 'aws:fis:wait' }, { id: 'aws:fis:wait' }])).toThrow('action aws:fis:wait listed twice');
    expect(() => toCatalogueActions([{ id: 'ec2:stop' }])).toThrow('not an FIS action id: "ec2:stop"');
    expect(() => toCatalogueActions([{ id: 'aws:ec2:stop-instances', targets: { Instances: {} } }])).toThrow('aws:ec2:stop-instances: target Instances has no resourceType');
  });

  test('from the API: every page of ListActions, parameters from GetAction', async () => {
    const fis: any = mockClient(FisClient as any);
    fis.on(ListActionsCommand, { nextToken: undefined }).resolves({ actions: [{ id: 'aws:fis:wait' }], nextToken: 'p2' });
    fis.on(ListActionsCommand, { nextToken: 'p2' }).resolves({ actions: [{ id: 'aws:ec2:stop-instances' }] });
    fis.on(GetActionCommand, { id: 'aws:fis:wait' }).resolves({ action: { id: 'aws:fis:wait', description: 'Wait.', parameters: { duration: { required: true } }, targets: {} } });
    fis.on(GetActionCommand, { id: 'aws:ec2:stop-instances' }).resolves({
      action: { id: 'aws:ec2:stop-instances', description: 'Stop.', parameters: { startInstancesAfterDuration: { required: false } }, targets: { Instances: { resourceType: 'aws:ec2:instance' } } },
    });
    try {
      expect(toCatalogueActions(await fromApi('eu-west-1'))).toEqual([
        { id: 'aws:ec2:stop-instances', description: 'Stop.', targets: { Instances: 'aws:ec2:instance' }, parameters: { startInstancesAfterDuration: { required: false } } },
        { id: 'aws:fis:wait', description: 'Wait.', targets: {}, parameters: { duration: { required: true } } },
      ]);
      expect(fis.commandCalls(ListActionsCommand)).toHaveLength(2);
    } finally {
      fis.restore();
    }
  });
});
