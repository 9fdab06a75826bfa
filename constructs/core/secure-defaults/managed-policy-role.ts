import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

/**
 * An IAM role whose grants land in one customer-managed policy attached to it instead of an inline
 * default policy, so it meets the "no inline policies" controls (NIST 800-53, HIPAA, PCI DSS)
 * while every L2 `grantX()` and `addToRolePolicy()` keeps working. The policy is created on the
 * first grant (a managed policy without statements is invalid).
 */
export class ManagedPolicyRole extends iam.Role {
  private managedPolicy?: iam.ManagedPolicy;
  private readonly narrowings: StatementNarrowing[] = [];

  /** A role as `iam.Role` makes it; its grants go to the managed policy `grantsPolicy`. */
  constructor(scope: Construct, id: string, props: iam.RoleProps) {
    super(scope, id, props);
  }

  /** The managed policy holding the role's grants, once something was granted. */
  public get grantsPolicy(): iam.ManagedPolicy | undefined {
    return this.managedPolicy;
  }

  /**
   * Passes each statement granted to this role from now on through `narrowing` (after the stack's).
   * @internal
   */
  public _narrowGrants(narrowing: StatementNarrowing): void {
    this.narrowings.push(narrowing);
  }

  /** Adds the statement to the role's managed policy (created on the first statement), not to an inline policy. */
  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.managedPolicy ??= new iam.ManagedPolicy(this, 'Grants', {
      description: `Permissions of ${this.node.path}`,
      roles: [this],
    });
    for (const narrowed of this.narrow(statement)) this.managedPolicy.addStatements(narrowed);
    return { statementAdded: true, policyDependable: this.managedPolicy };
  }

  /** The statements to add for a granted one: the stack's narrowings, then the role's. */
  private narrow(statement: iam.PolicyStatement): iam.PolicyStatement[] {
    let statements = [statement];
    for (const narrowing of [...NARROWINGS.get(Stack.of(this)) ?? [], ...this.narrowings]) {
      statements = statements.flatMap((s) => narrowing(s) ?? [s]);
    }
    return statements;
  }
}

/**
 * The policy that holds what is granted to `principal`, for acknowledging the findings of those
 * grants: a `ManagedPolicyRole`'s managed policy, or the default policy aws-cdk-lib gives a role,
 * user or group; undefined for any other principal (or before anything was granted).
 */
export function grantsPolicyOf(principal: iam.IPrincipal | undefined): IConstruct | undefined {
  if (principal instanceof ManagedPolicyRole) return principal.grantsPolicy;
  if (principal instanceof iam.Role || principal instanceof iam.User || principal instanceof iam.Group) {
    return principal.node.tryFindChild('DefaultPolicy');
  }
  return undefined;
}

/**
 * A resource that uses the role (a Lambda function, say) depends on the whole role subtree; its
 * GetAtt of the role already orders it after the role, so only the grants policy needs a
 * DependsOn (cfn-lint W3005 flags the redundant one).
 */
export function dependOnGrantsOnly(resource: CfnResource, role: ManagedPolicyRole): void {
  const policy = role.grantsPolicy?.node.defaultChild as CfnResource | undefined;
  resource.addOverride('DependsOn', policy ? [policy.logicalId] : undefined);
}

/**
 * Rewrites a statement before it lands in a `ManagedPolicyRole`'s policy (e.g. an L2 grant's
 * action groups into exact actions): the statements to add instead, or undefined to keep it.
 */
export type StatementNarrowing = (statement: iam.PolicyStatement) => iam.PolicyStatement[] | undefined;

const NARROWINGS = new WeakMap<Stack, StatementNarrowing[]>();

/** Every `ManagedPolicyRole` of the stack passes each statement granted from now on through `narrowing`. */
export function narrowStatementsInStack(stack: Stack, narrowing: StatementNarrowing): void {
  NARROWINGS.set(stack, [...(NARROWINGS.get(stack) ?? []), narrowing]);
}
