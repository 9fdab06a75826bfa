import { Stack } from 'aws-cdk-lib';
import { suppressNagFindings } from './nag';
import { ManagedPolicyRole } from '../secure-defaults/managed-policy-role';

/** A wildcard a CDK L2 grant writes on purpose, and why it is acceptable. */
export interface ExpectedWildcard {
  /** The finding (`Action::...` or `Resource::...`) as a pattern or an exact string. */
  readonly finding: RegExp | string;
  readonly reason: string;
}

/**
 * Suppresses AwsSolutions-IAM5 for exactly the wildcards of a role's policy that match the expected
 * ones (findings computed as cdk-nag computes them). A wildcard nobody expected stays a finding.
 * Call after every grant the construct makes.
 */
export function suppressExpectedWildcards(role: ManagedPolicyRole, expected: ExpectedWildcard[]): void {
  const policy = role.grantsPolicy;
  if (!policy) return;
  const document = Stack.of(role).resolve(policy.document.toJSON()) as { Statement?: any[] };
  const byReason = new Map<string, string[]>();
  for (const finding of wildcardFindings(document)) {
    const match = expected.find((e) => (typeof e.finding === 'string' ? e.finding === finding : e.finding.test(finding)));
    if (!match) continue;
    byReason.set(match.reason, [...(byReason.get(match.reason) ?? []), finding]);
  }
  for (const [reason, appliesTo] of byReason) {
    suppressNagFindings(policy, [{ id: 'AwsSolutions-IAM5', reason, appliesTo }]);
  }
}

function wildcardFindings(document: { Statement?: any[] }): string[] {
  const result = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of asArray(statement.Action)) if (typeof action === 'string' && action.includes('*')) result.add(`Action::${action}`);
    for (const resource of asArray(statement.Resource)) {
      const flat = flattenReference(resource);
      if (flat.includes('*')) result.add(`Resource::${flat}`);
    }
  }
  return [...result];
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** Renders a CloudFormation reference the way cdk-nag names findings (`<Id.Attr>`, `<Id>`, joined parts). */
export function flattenReference(node: any): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as any[]).map(flattenReference).join(delimiter);
  }
  if (node['Fn::Sub']) return flattenReference(node['Fn::Sub']);
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) return flattenReference(node['Fn::ImportValue']);
  if (node.Ref) return `<${flattenReference(node.Ref)}>`;
  return JSON.stringify(node);
}
