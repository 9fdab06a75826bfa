import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { fail } from '../../core';

// How alarms of other stacks reach the dashboard's topic, and the dashboard shows them, without a
// CloudFormation export: names known at synth are turned into ARNs in the stack that needs them.

/** The stack a construct's template belongs to: nested stacks count as their parent's. */
export function rootStack(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
}

/**
 * True when two constructs' stacks are in the same account and Region: both literal and equal,
 * or both environment-agnostic (deployed where the CLI points, like CDK's own cross-stack references).
 */
export function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const [x, y] = [Stack.of(a), Stack.of(b)];
  const same = (p: string, q: string) => (Token.isUnresolved(p) && Token.isUnresolved(q))
    || (!Token.isUnresolved(p) && !Token.isUnresolved(q) && p === q);
  return same(x.account, y.account) && same(x.region, y.region);
}

/**
 * The topic's ARN as the alarm's stack can write it, without a reference to the topic's stack:
 * the literal ARN of an imported topic, or the ARN formed from a name known at synth in the
 * alarm's own account and Region. Fails, saying why, for an alarm of another account or Region
 * (Gantry routes within one account and Region: the topic and key policies it writes admit
 * CloudWatch of the topic's own account) and for a topic whose name is not known at synth.
 * @param createdTopicName the name of a topic the dashboard created (naming it)
 */
export function crossStackTopicArn(dashboard: Construct, alarm: cloudwatch.AlarmBase, topic: sns.ITopic, createdTopicName?: () => string): string {
  const here = Stack.of(dashboard);
  const there = Stack.of(alarm);
  const where = (s: Stack) => `account ${s.account}, Region ${s.region}`;
  if (!sameEnvironment(dashboard, alarm)) {
    fail(dashboard, 'alarms', alarm.node.path,
      `an alarm in the dashboard's account and Region (${where(here)}), not ${where(there)}: an alarm is routed to the dashboard's topic only in the `
      + 'topic\'s own account and Region (its topic and key policies admit CloudWatch of that account). Monitor it with a dashboard of its own environment, '
      + 'or link the account to a monitoring account (observabilityLink) and alarm there');
  }
  if (!Token.isUnresolved(topic.topicArn)) {
    const [, , , region, account] = topic.topicArn.split(':');
    if ((region !== there.region && !Token.isUnresolved(there.region)) || (account !== there.account && !Token.isUnresolved(there.account))) {
      fail(dashboard, 'alarmTopic', topic.topicArn, `a topic in the account and Region of alarm ${alarm.node.path} (${where(there)})`);
    }
    return topic.topicArn;
  }
  const cfn = topic.node.defaultChild;
  const given = cfn instanceof sns.CfnTopic && typeof cfn.topicName === 'string' && !Token.isUnresolved(cfn.topicName) ? cfn.topicName : undefined;
  const name = given ?? createdTopicName?.();
  if (name === undefined) {
    fail(dashboard, 'alarmTopic', topic.node.path,
      `a topic whose name is known at synth (imported by ARN, or created with a literal topicName), so alarm ${alarm.node.path} of stack ${there.stackName} can name it by ARN without a cross-stack reference`);
  }
  return there.formatArn({ service: 'sns', resource: name });
}

/**
 * An alarm's name as a literal, for an ARN formed in another stack: the name given, with the
 * stack's own pseudo parameters (`AWS::StackName`, `AWS::Region`, `AWS::AccountId`) replaced by
 * its literal values; undefined when CloudFormation generates the name or it refers to anything else.
 */
export function literalAlarmName(alarm: cloudwatch.IAlarm): string | undefined {
  const cfn = alarm.node.defaultChild;
  const name = cfn instanceof cloudwatch.CfnAlarm || cfn instanceof cloudwatch.CfnCompositeAlarm ? cfn.alarmName : undefined;
  if (name === undefined) return undefined;
  const stack = Stack.of(alarm);
  const pseudo: Record<string, string> = { 'AWS::StackName': stack.stackName, 'AWS::Region': stack.region, 'AWS::AccountId': stack.account };
  const literal = (part: unknown): string | undefined => {
    if (typeof part === 'string') return Token.isUnresolved(part) ? undefined : part;
    const ref = (part as { Ref?: string } | undefined)?.Ref;
    const value = ref !== undefined ? pseudo[ref] : undefined;
    return value !== undefined && !Token.isUnresolved(value) ? value : undefined;
  };
  const resolved = stack.resolve(name);
  if (resolved === undefined || resolved === null) return undefined;
  if (typeof resolved === 'string' || (resolved as any)?.Ref) return literal(resolved);
  const join = (resolved as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (!join) return undefined;
  const parts = join[1].map(literal);
  return parts.every((p) => p !== undefined) ? parts.join(join[0]) : undefined;
}
