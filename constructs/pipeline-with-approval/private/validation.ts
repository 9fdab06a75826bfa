import { Stack, Token } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import { Construct } from 'constructs';
import { checkCount, checkEach, checkOneOf, checkPattern, checkRange, checkUnique, fail, isUnresolved, Limits, rejectRemovedProps } from '../../core';
import type { PipelineWithApprovalProps } from '../pipeline-with-approval';
import { SourceKind } from '../sources';
import { ApprovalGateProps, DeployMode, DeployStageProps, PullRequestEvent, StageApprovalProps } from '../types';

export const ACCOUNT_PATTERN = Limits.organizations.accountIdPattern;
export const REGION_PATTERN = Limits.regions.namePattern;
export const SOURCE_STAGE = 'Source';
export const BUILD_STAGE = 'Build';
export const NAME_RULE = 'letters, digits and . @ - _ (1-100 characters)';

/** A stage of another account than the pipeline's (unresolved accounts count as other). */
export function isCrossAccount(scope: Construct, stage: DeployStageProps): boolean {
  if (stage.account === undefined) return false;
  const own = Stack.of(scope).account;
  return Token.isUnresolved(own) || Token.isUnresolved(stage.account) || stage.account !== own;
}

/** What an approval accepts, wherever it stands (`approvals[i]` or `addStage(...).approval`). */
export function validateApproval(scope: Construct, p: string, a: StageApprovalProps): void {
  const cp = Limits.codePipeline;
  if (a.actionName !== undefined) checkPattern(scope, `${p}.actionName`, a.actionName, cp.namePattern, NAME_RULE);
  rejectRemovedProps(scope, a, { notificationTopic: 'notifications.topic', notifyEmails: 'notifications.emailAddresses' }, `${p}.`);
  if (a.timeout !== undefined) {
    checkRange(scope, `${p}.timeout`, a.timeout.toMinutes({ integral: false }), cp.minApprovalTimeoutMinutes, cp.maxApprovalTimeoutMinutes, { unit: 'minutes' });
  }
}

export function validateProps(scope: Construct, props: PipelineWithApprovalProps): void {
  const cp = Limits.codePipeline;
  const namePattern = cp.namePattern;
  const nameRule = 'letters, digits and . @ - _ (1-100 characters)';
  if (props.pipelineName !== undefined) checkPattern(scope, 'pipelineName', props.pipelineName, namePattern, nameRule);
  checkPattern(scope, 'gateSinkArn', props.gateSinkArn, /arn:aws[a-z-]*:oam:[a-z0-9-]+:\d{12}:sink\/[A-Za-z0-9-]+/, 'an OAM sink ARN (arn:aws:oam:<region>:<account>:sink/<id>)');

  // Sources
  const sources = [props.source, ...(props.additionalSources ?? [])];
  sources.forEach((s, i) => {
    const prop = i === 0 ? 'source.branch' : `additionalSources[${i - 1}].branch`;
    if (s.branch !== undefined && !isUnresolved(s.branch) && s.branch.trim() === '') fail(scope, prop, s.branch, 'a non-empty branch name');
  });
  checkCount(scope, 'additionalSources', props.additionalSources, 0, cp.maxCodeBuildInputArtifacts - 1);

  // Build
  const build = props.buildStep ?? {};
  if (build.buildSpec && build.buildSpecFile) fail(scope, 'buildStep.buildSpecFile', build.buildSpecFile, 'either buildStep.buildSpec or buildStep.buildSpecFile, not both');
  if (build.buildSpecFile && (build.testReports ?? []).length > 0) {
    fail(scope, 'buildStep.testReports', build.testReports, 'test reports with an object buildStep.buildSpec (the reports section is added to it); with a build spec file, declare reports in the file');
  }
  if (build.buildSpecFile && (build.publishCdkAssets || build.publishContainerAssets)) {
    fail(scope, 'buildStep.publishCdkAssets', true, 'asset publishing with an object buildStep.buildSpec (the publish command is appended to it); with a build spec file, run cdk-assets in the file');
  }
  if (build.publishContainerAssets && build.publishCdkAssets === false) {
    fail(scope, 'buildStep.publishContainerAssets', true, 'publishContainerAssets together with publishCdkAssets');
  }
  if (build.timeout !== undefined && !isUnresolved(build.timeout.toMinutes({ integral: false }))) {
    checkRange(scope, 'buildStep.timeout', build.timeout.toMinutes({ integral: false }), Limits.codeBuild.minTimeoutMinutes, Limits.codeBuild.maxTimeoutMinutes, { unit: 'minutes' });
  }
  const reportNames = (build.testReports ?? []).map((r) => r.name);
  checkEach(scope, 'buildStep.testReports[].name', reportNames, Limits.codeBuild.reportNamePattern, 'letters, digits, - and _ (2-128 characters, starting with a letter or digit)');
  checkUnique(scope, 'buildStep.testReports[].name', reportNames);
  (build.testReports ?? []).forEach((r, i) => checkCount(scope, `buildStep.testReports[${i}].files`, r.files, 1, 1000));

  // Stages
  const maxDeployStages = cp.maxStagesPerPipeline - 2; // Source and Build come first
  const stages = props.stages ?? [];
  checkCount(scope, 'stages', stages, 0, maxDeployStages);
  const stageNames = stages.map((s) => s.stageName);
  checkEach(scope, 'stages[].stageName', stageNames, namePattern, nameRule);
  checkUnique(scope, 'stages[].stageName', [SOURCE_STAGE, BUILD_STAGE, ...stageNames]);
  const crossAccountStages = stages.filter((s) => isCrossAccount(scope, s));
  if (crossAccountStages.length > 0 && props.artifactBucket && !props.artifactBucket.encryptionKey) {
    fail(scope, 'artifactBucket', props.artifactBucket.node.path,
      `a bucket with a customer-managed KMS key (encryptionKey): stage(s) ${crossAccountStages.map((s) => s.stageName).join(', ')} deploy to another account, which can only read artifacts encrypted with a key whose policy admits it`);
  }
  for (const stage of stages) validateStage(scope, stage, (props.approvals ?? []).find((a) => a.beforeStage === stage.stageName));

  // Approvals
  const approvals = props.approvals ?? [];
  checkUnique(scope, 'approvals[].beforeStage', approvals.map((a) => a.beforeStage));
  approvals.forEach((a, i) => {
    const p = `approvals[${i}]`;
    if (!isUnresolved(a.beforeStage) && !stageNames.includes(a.beforeStage)) {
      fail(scope, `${p}.beforeStage`, a.beforeStage, `the name of a deploy stage: ${stageNames.join(', ')}`);
    }
    validateApproval(scope, p, a);
  });

  // V2: trigger and variables
  if (props.trigger) validateTrigger(scope, props);
  const variables = props.variables ?? [];
  checkCount(scope, 'variables', variables, 0, cp.maxPipelineVariables);
  checkEach(scope, 'variables[].name', variables.map((v) => v.name), cp.variableNamePattern, 'letters, digits and @ - _ (1-128 characters)');
  checkUnique(scope, 'variables[].name', variables.map((v) => v.name));
  variables.forEach((v, i) => {
    if (v.defaultValue !== undefined && !isUnresolved(v.defaultValue) && v.defaultValue.length > cp.maxVariableDefaultValueLength) {
      fail(scope, `variables[${i}].defaultValue`, v.defaultValue, `at most ${cp.maxVariableDefaultValueLength} characters`);
    }
    if (v.description !== undefined && !isUnresolved(v.description) && v.description.length > cp.maxVariableDescriptionLength) {
      fail(scope, `variables[${i}].description`, v.description, `at most ${cp.maxVariableDescriptionLength} characters`);
    }
  });
  checkOneOf(scope, 'executionMode', props.executionMode, Object.values(codepipeline.ExecutionMode));

  // Notifications
  if (props.notifications) {
    const n = props.notifications;
    checkUnique(scope, 'notifications.executionStates', n.executionStates);
  }
}

function validateStage(scope: Construct, stage: DeployStageProps, approval: ApprovalGateProps | undefined): void {
  const cp = Limits.codePipeline;
  const p = `stages[${stage.stageName}]`;
  if (stage.account !== undefined) checkPattern(scope, `${p}.account`, stage.account, ACCOUNT_PATTERN, 'a 12-digit AWS account id');
  if (stage.region !== undefined) checkPattern(scope, `${p}.region`, stage.region, REGION_PATTERN, 'an AWS region such as eu-west-1');
  checkCount(scope, `${p}.stacks`, stage.stacks, 1, cp.maxActionsPerStage);
  const stackNames = stage.stacks.map((s) => s.stackName);
  checkEach(scope, `${p}.stacks[].stackName`, stackNames, Limits.cloudFormation.namePattern, Limits.cloudFormation.nameAllowed);
  // Action names derive from stack names, so a repeated stack would repeat an action name.
  checkUnique(scope, `${p}.stacks[].stackName`, stackNames);
  stage.stacks.forEach((s, i) => {
    if (s.runOrder !== undefined) checkRange(scope, `${p}.stacks[${i}].runOrder`, s.runOrder, cp.minRunOrder, cp.maxRunOrder, { integer: true });
    if (s.changeSetName !== undefined) checkPattern(scope, `${p}.stacks[${i}].changeSetName`, s.changeSetName, Limits.cloudFormation.namePattern, Limits.cloudFormation.nameAllowed);
    checkOneOf(scope, `${p}.stacks[${i}].mode`, s.mode, Object.values(DeployMode));
  });
  if (stage.alarmWaitTime !== undefined) {
    checkRange(scope, `${p}.alarmWaitTime`, stage.alarmWaitTime.toMinutes({ integral: false }), 1, 60, { integer: true, unit: 'minutes' });
  }
  const alarmCount = (stage.alarmSources ?? []).reduce((sum, source) => sum + source.deploymentAlarms.length, 0);
  if (alarmCount > cp.maxRulesPerCondition) {
    fail(scope, `${p}.alarmSources`, `${alarmCount} alarms`, `at most ${cp.maxRulesPerCondition} alarms in all (rules per stage condition)`);
  }

  // Count the actions the stage will hold, against the per-stage quota.
  const changeSets = stage.stacks.filter((s) => (s.mode ?? DeployMode.CHANGE_SET) === DeployMode.CHANGE_SET).length;
  const digests = approval && (approval.changeSetDigest ?? true) ? changeSets : 0;
  const actionCount = stage.stacks.length + changeSets + digests + (approval ? 1 : 0);
  if (actionCount > cp.maxActionsPerStage) {
    fail(scope, `${p}.stacks`, `${stage.stacks.length} stacks (${actionCount} actions with change sets, digests and approval)`, `at most ${cp.maxActionsPerStage} actions per stage: split the stacks over more stages`);
  }
}

function validateTrigger(scope: Construct, props: PipelineWithApprovalProps): void {
  const cp = Limits.codePipeline;
  const trigger = props.trigger!;
  if (props.source.kind !== SourceKind.CONNECTION) {
    fail(scope, 'trigger', props.source.kind, 'a trigger only with a connection source (PipelineSource.connection): CodePipeline Git triggers need CodeStarSourceConnection');
  }
  checkCount(scope, 'trigger.push', trigger.push, 0, cp.maxGitFiltersPerEvent);
  checkCount(scope, 'trigger.pullRequest', trigger.pullRequest, 0, cp.maxGitFiltersPerEvent);
  if ((trigger.push ?? []).length === 0 && (trigger.pullRequest ?? []).length === 0) {
    fail(scope, 'trigger', trigger, 'at least one push or pullRequest filter');
  }
  const globs = (prop: string, list: string[] | undefined) => {
    if (list === undefined) return;
    checkCount(scope, prop, list, 1, cp.maxGlobsPerFilterCriterion);
    checkEach(scope, prop, list, /\S.{0,254}/, 'non-empty globs of at most 255 characters');
  };
  (trigger.push ?? []).forEach((f, i) => {
    const p = `trigger.push[${i}]`;
    for (const key of ['branchesIncludes', 'branchesExcludes', 'filePathsIncludes', 'filePathsExcludes', 'tagsIncludes', 'tagsExcludes'] as const) globs(`${p}.${key}`, f[key]);
    const hasTags = !!(f.tagsIncludes || f.tagsExcludes);
    const hasBranches = !!(f.branchesIncludes || f.branchesExcludes);
    const hasPaths = !!(f.filePathsIncludes || f.filePathsExcludes);
    if (hasTags && (hasBranches || hasPaths)) fail(scope, `${p}.tagsIncludes`, f.tagsIncludes ?? f.tagsExcludes, 'tag filters alone: CodePipeline rejects a push filter combining tags with branches or file paths');
    if (!hasTags && !hasBranches) fail(scope, p, f, 'a push filter with branches (optionally file paths) or with tags');
  });
  (trigger.pullRequest ?? []).forEach((f, i) => {
    const p = `trigger.pullRequest[${i}]`;
    for (const key of ['branchesIncludes', 'branchesExcludes', 'filePathsIncludes', 'filePathsExcludes'] as const) globs(`${p}.${key}`, f[key]);
    if (!(f.branchesIncludes || f.branchesExcludes)) fail(scope, p, f, 'a pull-request filter with branches (CodePipeline requires them)');
    if (f.events !== undefined) {
      checkCount(scope, `${p}.events`, f.events, 1, 3);
      f.events.forEach((e, j) => checkOneOf(scope, `${p}.events[${j}]`, e, Object.values(PullRequestEvent)));
      checkUnique(scope, `${p}.events`, f.events);
    }
  });
}
