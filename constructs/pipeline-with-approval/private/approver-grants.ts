import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * A grantee whose grants are statements of one customer-managed policy attached to the approver
 * (role, user or group), so approving adds no inline policy (the NIST 800-53, HIPAA and PCI DSS
 * controls reject those).
 */
export class ManagedPolicyGrantee implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;
  public readonly principalAccount?: string;

  constructor(private readonly inner: iam.IPrincipal, public readonly policy: iam.ManagedPolicy) {
    this.assumeRoleAction = inner.assumeRoleAction;
    this.principalAccount = inner.principalAccount;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.inner.policyFragment;
  }

  public addToPolicy(statement: iam.PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}

/** The managed-policy grantee of a role, user or group (one per principal); any other grantee as given. */
export function approverPolicyGrantee(scope: Construct, grantee: iam.IGrantable, cache: Map<iam.IPrincipal, ManagedPolicyGrantee>): iam.IGrantable {
  const principal = grantee.grantPrincipal;
  const cached = cache.get(principal);
  if (cached) return cached;
  const attach = principal as Partial<iam.IRole & iam.IUser & iam.IGroup>;
  const roles = attach.roleName !== undefined ? [principal as iam.IRole] : undefined;
  const users = attach.userName !== undefined ? [principal as iam.IUser] : undefined;
  const groups = attach.groupName !== undefined ? [principal as iam.IGroup] : undefined;
  if (!roles && !users && !groups) return grantee;
  // Beside the principal (in its stack, as an L2 grant's default policy is), else in the pipeline's scope.
  const owner = Construct.isConstruct(principal) ? principal : scope;
  const id = `${scope.node.id}Approvals`;
  const policy = (owner.node.tryFindChild(id) as iam.ManagedPolicy | undefined) ?? new iam.ManagedPolicy(owner, id, {
    description: `Approving in ${scope.node.path}`,
    roles,
    users,
    groups,
  });
  const managed = new ManagedPolicyGrantee(principal, policy);
  cache.set(principal, managed);
  return managed;
}
