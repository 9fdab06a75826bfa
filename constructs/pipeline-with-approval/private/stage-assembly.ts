import { readFileSync } from 'fs';
import { relative } from 'path';
import { Aws, Stack, Stage, Token } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { IConstruct } from 'constructs';
import { fail } from '../../core';

/** One stack of a CDK stage, as its cloud assembly describes it. */
export interface StackDeployment {
  readonly artifactId: string;
  readonly stackName: string;
  /** Template path relative to the root cloud assembly (the build output). */
  readonly templatePath: string;
  /** Target account and region; undefined: the pipeline's (an environment-agnostic stack). */
  readonly account?: string;
  readonly region?: string;
  readonly deployRoleArn?: string;
  readonly executionRoleArn?: string;
  readonly lookupRoleArn?: string;
  /** 1 for stacks without dependencies in the stage, then one more than the latest dependency. */
  readonly wave: number;
}

/** What the build publishes for a stage: asset manifests (relative to the root assembly) and the roles it assumes. */
export interface StageAssets {
  readonly manifestPaths: string[];
  readonly publishingRoleArns: string[];
  readonly hasContainerImages: boolean;
}

export interface StageAssembly {
  readonly stacks: StackDeployment[];
  readonly assets: StageAssets;
}

const UNKNOWN_ACCOUNT = 'unknown-account';
const UNKNOWN_REGION = 'unknown-region';

/**
 * Reads a CDK stage's cloud assembly (synthesized once, cached by the stage): its stacks with
 * template paths, bootstrap roles and dependency waves, and the asset manifests of those stacks.
 * Call at synth: the stage's stacks are complete then.
 */
export function readStageAssembly(pipeline: IConstruct, stage: Stage, stageName: string): StageAssembly {
  const prop = `addStage(${stageName})`;
  checkStageConstructs(pipeline, stage, prop);
  const assembly = stage.synth();
  const rootDir = rootStage(stage).outdir;
  const artifacts = stacksOf(assembly);
  if (artifacts.length === 0) fail(pipeline, prop, stage.node.path, 'a CDK stage with at least one stack');

  const pipelineStack = Stack.of(pipeline);
  const ids = new Set(artifacts.map((a) => a.id));
  const waves = new Map<string, number>();
  const waveOf = (artifact: cxapi.CloudFormationStackArtifact): number => {
    const known = waves.get(artifact.id);
    if (known !== undefined) return known;
    const deps = artifact.dependencies
      .filter((d): d is cxapi.CloudFormationStackArtifact => cxapi.CloudFormationStackArtifact.isCloudFormationStackArtifact(d) && ids.has(d.id));
    const wave = 1 + Math.max(0, ...deps.map(waveOf));
    waves.set(artifact.id, wave);
    return wave;
  };

  const stacks = artifacts.map((artifact): StackDeployment => {
    const env = artifact.environment;
    const account = env.account === UNKNOWN_ACCOUNT ? undefined : env.account;
    const region = env.region === UNKNOWN_REGION ? undefined : env.region;
    const partial = (account === undefined) !== (region === undefined);
    if (partial || (account !== undefined && Token.isUnresolved(pipelineStack.account))) {
      fail(pipeline, `${prop}.env`, `${artifact.hierarchicalId}: ${env.name}`,
        'stacks with both account and region (cross-account roles and key grants need them) or neither (deployed to the pipeline\'s environment), in a pipeline stack with a concrete env when the stage names an account');
    }
    const substitute = (arn?: string) => arn && substitutePlaceholders(arn, account ?? pipelineStack.account, region ?? pipelineStack.region);
    return {
      artifactId: artifact.id,
      stackName: artifact.stackName,
      templatePath: relative(rootDir, artifact.templateFullPath).split('\\').join('/'),
      account,
      region,
      deployRoleArn: substitute(artifact.assumeRoleArn),
      executionRoleArn: substitute(artifact.cloudFormationExecutionRoleArn),
      lookupRoleArn: substitute(artifact.lookupRole?.arn),
      wave: waveOf(artifact),
    };
  });
  return { stacks, assets: assetsOf(artifacts, rootDir, pipelineStack) };
}

/** Stacks of the stage and of stages nested in it. */
function stacksOf(assembly: cxapi.CloudAssembly): cxapi.CloudFormationStackArtifact[] {
  return assembly.stacksRecursively;
}

function assetsOf(artifacts: cxapi.CloudFormationStackArtifact[], rootDir: string, pipelineStack: Stack): StageAssets {
  const manifestPaths: string[] = [];
  const roles = new Set<string>();
  let hasContainerImages = false;
  for (const artifact of artifacts) {
    const env = artifact.environment;
    const account = env.account === UNKNOWN_ACCOUNT ? pipelineStack.account : env.account;
    const region = env.region === UNKNOWN_REGION ? pipelineStack.region : env.region;
    for (const dep of artifact.dependencies) {
      if (!cxapi.AssetManifestArtifact.isAssetManifestArtifact(dep)) continue;
      const contents = JSON.parse(readFileSync(dep.file, 'utf-8')) as AssetManifestJson;
      const files = Object.values(contents.files ?? {});
      const images = Object.values(contents.dockerImages ?? {});
      // The stack's own template is a file asset too; a manifest with only that needs no publishing.
      const publishes = files.some((f) => !isTemplateOf(f, artifact)) || images.length > 0;
      if (!publishes) continue;
      manifestPaths.push(relative(rootDir, dep.file).split('\\').join('/'));
      hasContainerImages ||= images.length > 0;
      for (const asset of [...files, ...images]) {
        for (const destination of Object.values(asset.destinations ?? {})) {
          if (destination.assumeRoleArn) roles.add(substitutePlaceholders(destination.assumeRoleArn, account, region));
        }
      }
    }
  }
  return { manifestPaths, publishingRoleArns: [...roles], hasContainerImages };
}

function isTemplateOf(file: { source?: { path?: string } }, artifact: cxapi.CloudFormationStackArtifact): boolean {
  return file.source?.path === artifact.templateFile;
}

interface AssetManifestJson {
  readonly files?: { [id: string]: { source?: { path?: string }; destinations?: { [id: string]: { assumeRoleArn?: string } } } };
  readonly dockerImages?: { [id: string]: { destinations?: { [id: string]: { assumeRoleArn?: string } } } };
}

/** The bootstrap roles of the assembly name `${AWS::Partition}` (and, for env-agnostic stacks, account and region). */
function substitutePlaceholders(arn: string, account: string, region: string): string {
  return arn
    .replace(/\$\{AWS::Partition\}/g, Aws.PARTITION)
    .replace(/\$\{AWS::AccountId\}/g, account)
    .replace(/\$\{AWS::Region\}/g, region);
}

function rootStage(stage: Stage): Stage {
  let root = stage;
  while (root.parentStage) root = root.parentStage;
  return root;
}

/** Stacks of the stage may depend only on stacks of the same stage (the pipeline deploys nothing else with them). */
function checkStageConstructs(pipeline: IConstruct, stage: Stage, prop: string): void {
  const stacks = stage.node.findAll().filter((c): c is Stack => Stack.isStack(c) && !c.nested);
  for (const stack of stacks) {
    for (const dependency of stack.dependencies) {
      if (!isInside(dependency, stage)) {
        fail(pipeline, `${prop}.stacks`, `${stack.node.path} depends on ${dependency.node.path}`, `dependencies between stacks of stage ${stage.node.path} only: deploy the other stack in this stage, or make the dependency a value both know`);
      }
    }
  }
}

function isInside(construct: IConstruct, stage: Stage): boolean {
  return construct.node.scopes.includes(stage);
}
