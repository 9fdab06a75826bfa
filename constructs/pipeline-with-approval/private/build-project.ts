import { Duration, Lazy, Token } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ManagedPolicyRole, withoutDefaultCodeBuildLogGroup, withoutNamedReportGroups } from '../../core';
import { BuildStepProps, TestReportFormat } from '../types';

/** What the build project shares with the pipeline. */
export interface BuildShared {
  readonly logGroup: logs.ILogGroup;
  readonly artifactKey?: kms.IKey;
  /** The publish command, known at synth (when the deployed stacks' manifests are). */
  readonly publishCommand: () => string | undefined;
}

export interface BuildProject {
  readonly project: codebuild.PipelineProject;
  readonly reportGroups: { [name: string]: codebuild.ReportGroup };
  /** The build output's `artifacts.base-directory`, when the object build spec names one. */
  readonly outputBaseDirectory?: string;
}

/**
 * The build-and-test project: the given or default build spec (npm ci, one cdk synth, the cloud
 * assembly as output), the asset publishing appended, test report groups, encrypted logs.
 */
export function createBuildProject(scope: Construct, build: BuildStepProps, shared: BuildShared): BuildProject {
  const reportGroups: { [name: string]: codebuild.ReportGroup } = {};
  let outputBaseDirectory: string | undefined;
  const cdkOutDir = build.cdkOutDir ?? 'cdk.out';
  const defaultSpec = !build.buildSpec && !build.buildSpecFile;
  const publishAssets = build.publishCdkAssets ?? defaultSpec;
  const privileged = build.privileged ?? build.publishContainerAssets ?? false;

  let buildSpec: codebuild.BuildSpec;
  if (build.buildSpecFile) {
    buildSpec = codebuild.BuildSpec.fromSourceFilename(build.buildSpecFile);
  } else {
    const given: { [key: string]: any } = build.buildSpec ?? {
      version: '0.2',
      phases: {
        // A supported Node.js (20 reached end of life on 2026-10-30), not the image's default.
        install: { 'runtime-versions': { nodejs: 22 }, 'commands': ['npm ci'] },
        build: { commands: ['npx cdk synth'] },
      },
      artifacts: { 'base-directory': cdkOutDir, 'files': ['**/*'] },
    };
    // Copy what is changed, so the caller's object (and any tokens in it) stays as given.
    const spec: { [key: string]: any } = { ...given, phases: { ...given.phases } };
    const base = given.artifacts?.['base-directory'];
    if (typeof base === 'string') outputBaseDirectory = base;
    if (publishAssets) {
      const postBuild = spec.phases.post_build ?? {};
      spec.phases.post_build = {
        ...postBuild,
        commands: [
          ...(postBuild.commands ?? []),
          // The manifests of exactly the stacks this pipeline deploys, known at synth; cdk-assets
          // assumes the publishing role each manifest names.
          Lazy.string({ produce: () => shared.publishCommand() ?? 'echo "No assets to publish"' }),
        ],
      };
    }
    spec.reports = { ...(spec.reports ?? {}), ...createReportGroups(scope, build, reportGroups) };
    if (Object.keys(spec.reports).length === 0) delete spec.reports;
    buildSpec = codebuild.BuildSpec.fromObject(spec);
  }

  const role = new ManagedPolicyRole(scope, 'BuildRole', {
    description: `Builds and tests in ${scope.node.path}`,
    assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
  });
  // It logs to the pipeline's log group; a build spec naming its report groups by ARN only (the
  // default, `testReports`) creates none named after the project.
  withoutDefaultCodeBuildLogGroup(role);
  const reportKeys = Object.keys(build.buildSpec?.reports ?? {});
  if (!build.buildSpecFile && reportKeys.every((k) => Token.isUnresolved(k) || k.startsWith('arn:'))) withoutNamedReportGroups(role);
  const project = new codebuild.PipelineProject(scope, 'Build', {
    description: `Build and test of ${scope.node.path}`,
    role,
    buildSpec,
    environment: {
      buildImage: build.buildImage ?? codebuild.LinuxBuildImage.STANDARD_7_0,
      computeType: build.computeType ?? codebuild.ComputeType.SMALL,
      privileged,
    },
    environmentVariables: build.environmentVariables,
    cache: build.cache,
    vpc: build.vpc,
    subnetSelection: build.subnetSelection,
    securityGroups: build.securityGroups,
    timeout: build.timeout ?? Duration.hours(1),
    encryptionKey: shared.artifactKey,
    logging: { cloudWatch: { logGroup: shared.logGroup } },
  });
  for (const group of Object.values(reportGroups)) group.grantWrite(project);
  return { project, reportGroups, outputBaseDirectory };
}


function createReportGroups(
  scope: Construct, build: BuildStepProps, groups: { [name: string]: codebuild.ReportGroup },
): { [arn: string]: object } {
  const reports: { [arn: string]: object } = {};
  for (const report of build.testReports ?? []) {
    const group = new codebuild.ReportGroup(scope, `Report${report.name}`, {
      type: codebuild.ReportGroupType.TEST,
    });
    groups[report.name] = group;
    reports[group.reportGroupArn] = {
      'files': report.files,
      'file-format': report.format ?? TestReportFormat.JUNIT_XML,
      ...(report.baseDirectory ? { 'base-directory': report.baseDirectory } : {}),
    };
  }
  return reports;
}
