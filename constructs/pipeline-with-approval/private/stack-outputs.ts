import { createHash } from 'crypto';
import { Lazy, Stack, Stage } from 'aws-cdk-lib';
import { IStackOutputVariables } from '../../core/contracts/pipeline-step';

const MAX_NAMESPACE = 100;

interface DeployedStack {
  readonly namespace: string;
  used: boolean;
}

/**
 * Namespaces of the stacks a pipeline deploys, given to a stack's deploy action only once a step
 * reads one of its outputs (an unused namespace would still appear in the pipeline's structure).
 * Register a stack when its deploy action is made: only steps placed after it can read it.
 */
export class StackOutputNamespaces implements IStackOutputVariables {
  private readonly deployed = new Map<Stack, DeployedStack>();
  private readonly taken = new Set<string>();

  /**
   * The namespace of the deploy action of the stack with this artifact id in `stage`, rendered
   * only when a step reads one of its outputs (a token: pass it as the action's `variablesNamespace`).
   */
  public register(stage: Stage, artifactId: string, pipelineStageName: string, stackName: string): string | undefined {
    const stack = stage.node.findAll().find((c): c is Stack => Stack.isStack(c) && !c.nested && c.artifactId === artifactId);
    if (!stack) return undefined;
    const entry: DeployedStack = { namespace: this.uniqueNamespace(`${pipelineStageName}_${stackName}`), used: false };
    this.deployed.set(stack, entry);
    return Lazy.string({ produce: () => (entry.used ? entry.namespace : undefined) });
  }

  public variableOf(stack: Stack, outputKey: string): string | undefined {
    const entry = this.deployed.get(stack);
    if (!entry) return undefined;
    entry.used = true;
    return `#{${entry.namespace}.${outputKey}}`;
  }

  /** Letters, digits and `@-_`, at most 100 characters, unique in the pipeline. */
  private uniqueNamespace(wanted: string): string {
    let name = wanted.replace(/[^A-Za-z0-9@\-_]/g, '_');
    if (name.length > MAX_NAMESPACE || this.taken.has(name)) {
      const hash = createHash('sha256').update(`${wanted}#${this.taken.size}`).digest('hex').slice(0, 8);
      name = `${name.slice(0, MAX_NAMESPACE - 9)}_${hash}`;
    }
    this.taken.add(name);
    return name;
  }
}
