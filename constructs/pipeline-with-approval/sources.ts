import * as codecommit from 'aws-cdk-lib/aws-codecommit';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** A repository reached through an AWS CodeConnections (formerly CodeStar) connection. */
export interface ConnectionSourceProps {
  /** ARN of the connection (`arn:aws:codeconnections:...` or `arn:aws:codestar-connections:...`). */
  readonly connectionArn: string;
  /** Owner of the repository: the GitHub/Bitbucket user or organization, or the GitLab group. */
  readonly owner: string;
  /** Name of the repository. */
  readonly repo: string;
  /** Branch to build. @default 'main' */
  readonly branch?: string;
  /**
   * Pass a full Git clone instead of a zip, so the build can run Git commands (the build's role
   * is granted `codeconnections:UseConnection`).
   * @default false
   */
  readonly fullClone?: boolean;
}

/** A CodeCommit repository (still supported, but closed to new customers: prefer a connection). */
export interface CodeCommitSourceProps {
  /** The repository. */
  readonly repository: codecommit.IRepository;
  /** Branch to build. @default 'main' */
  readonly branch?: string;
}

/** An object in S3. */
export interface S3SourceProps {
  /** The bucket (versioning must be on). */
  readonly bucket: s3.IBucket;
  /** Key of the object, e.g. `app/source.zip`. */
  readonly objectKey: string;
}

/** An image in ECR. */
export interface EcrSourceProps {
  /** The repository. */
  readonly repository: ecr.IRepository;
  /** Image tag that starts the pipeline when pushed. @default 'latest' */
  readonly imageTag?: string;
}

/** The kind of a pipeline source. */
export enum SourceKind {
  CONNECTION = 'CONNECTION',
  CODECOMMIT = 'CODECOMMIT',
  S3 = 'S3',
  ECR = 'ECR',
}

/**
 * Where a pipeline's source comes from. Every source starts the pipeline from events (connection
 * webhooks / EventBridge), not polling: polling is slower and limited to 300 pipelines a region.
 */
export abstract class PipelineSource {
  /** A GitHub, GitLab or Bitbucket repository through a CodeConnections connection (the default choice). */
  public static connection(props: ConnectionSourceProps): PipelineSource {
    return new ConnectionSource(props);
  }

  /** A CodeCommit repository: EventBridge `CodeCommit Repository State Change` on the branch. */
  public static codeCommit(props: CodeCommitSourceProps): PipelineSource {
    return new CodeCommitSource(props);
  }

  /**
   * An S3 object: EventBridge on CloudTrail `PutObject`/`CompleteMultipartUpload` data events,
   * so a trail must log the bucket's write data events.
   */
  public static s3(props: S3SourceProps): PipelineSource {
    return new S3Source(props);
  }

  /** An ECR image tag: EventBridge `ECR Image Action` on push. */
  public static ecr(props: EcrSourceProps): PipelineSource {
    return new EcrSource(props);
  }

  /** The kind of source. */
  public abstract readonly kind: SourceKind;
  /** The branch built, for Git sources. */
  public abstract readonly branch?: string;

  /** @internal */
  public abstract _bind(actionName: string, output: codepipeline.Artifact, variablesNamespace: string): codepipeline.IAction;
}

class ConnectionSource extends PipelineSource {
  public readonly kind = SourceKind.CONNECTION;
  public readonly branch: string;
  constructor(private readonly props: ConnectionSourceProps) {
    super();
    this.branch = props.branch ?? 'main';
  }

  public _bind(actionName: string, output: codepipeline.Artifact, variablesNamespace: string): codepipeline.IAction {
    return new actions.CodeStarConnectionsSourceAction({
      actionName,
      output,
      variablesNamespace,
      connectionArn: this.props.connectionArn,
      owner: this.props.owner,
      repo: this.props.repo,
      branch: this.branch,
      codeBuildCloneOutput: this.props.fullClone ?? false,
      triggerOnPush: true,
    });
  }
}

class CodeCommitSource extends PipelineSource {
  public readonly kind = SourceKind.CODECOMMIT;
  public readonly branch: string;
  constructor(private readonly props: CodeCommitSourceProps) {
    super();
    this.branch = props.branch ?? 'main';
  }

  public _bind(actionName: string, output: codepipeline.Artifact, variablesNamespace: string): codepipeline.IAction {
    return new actions.CodeCommitSourceAction({
      actionName,
      output,
      variablesNamespace,
      repository: this.props.repository,
      branch: this.branch,
      trigger: actions.CodeCommitTrigger.EVENTS,
    });
  }
}

class S3Source extends PipelineSource {
  public readonly kind = SourceKind.S3;
  public readonly branch = undefined;
  constructor(private readonly props: S3SourceProps) {
    super();
  }

  public _bind(actionName: string, output: codepipeline.Artifact, variablesNamespace: string): codepipeline.IAction {
    return new actions.S3SourceAction({
      actionName,
      output,
      variablesNamespace,
      bucket: this.props.bucket,
      bucketKey: this.props.objectKey,
      trigger: actions.S3Trigger.EVENTS,
    });
  }
}

class EcrSource extends PipelineSource {
  public readonly kind = SourceKind.ECR;
  public readonly branch = undefined;
  constructor(private readonly props: EcrSourceProps) {
    super();
  }

  public _bind(actionName: string, output: codepipeline.Artifact, variablesNamespace: string): codepipeline.IAction {
    return new actions.EcrSourceAction({
      actionName,
      output,
      variablesNamespace,
      repository: this.props.repository,
      imageTag: this.props.imageTag ?? 'latest',
    });
  }
}
