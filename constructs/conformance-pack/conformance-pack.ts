import { mkdirSync, renameSync, writeFileSync, existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Aws, CfnResource, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as assets from 'aws-cdk-lib/aws-s3-assets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import {
  acceptHandlerFunctionFindings, allowServicesToUseKey, checkCount, checkEach, checkPattern, checkUnique, DeadLetteredTarget, didYouMean,
  eventDeadLetterQueue, fail, flattenReference, IMonitoring, isUnresolved, Limits, monitorDeadLetterQueue, NotificationOptions, rejectRemovedProps,
  resolveNotifications, RuleTopicTarget, secureBucket, secureLogGroup, sharedDeadLetterQueue, SharedKeys, suppressNagFindings,
} from '../core';
import { PackTemplate } from './pack-template';
import { RemediationPlan, RenderedRule, RuleRenderContext } from './private/internal';
import { checkUniqueRuleNames, contentHash, PackDocument, PackEntry, packNameFromFile, RenderedPart, renderParts } from './private/template-parts';
import { PackRule } from './rule';
import { RuleEvaluatorFunction } from './rule-evaluator-function';
import { RuleSet } from './rule-sets';
import { MANAGED_RULES } from './rules';

/** The EventBridge detail-type of Config rule compliance changes. */
export const COMPLIANCE_CHANGE_DETAIL_TYPE = 'Config Rules Compliance Change';

/** Characters kept free in the pack name for the `-partN` suffix of split packs. */
const PART_SUFFIX_ROOM = 8;

/** Name of the service-linked role conformance packs use to write to their delivery bucket. */
const CONFORMS_SERVICE_ROLE = 'aws-service-role/config-conforms.amazonaws.com/AWSServiceRoleForConfigConforms';

/** A rule of the pack and the cdk-nag rules that check the same control at synth. */
export interface ShiftLeftMapping {
  /** Name of the rule in the pack. */
  readonly ruleName: string;
  /** Managed rule identifier. */
  readonly identifier: string;
  /** cdk-nag rule ids (with pack prefix) checking the same control. */
  readonly nagRuleIds: string[];
}

/** Properties of a {@link ConformancePack}. */
export interface ConformancePackProps {
  /**
   * Name of the pack: a letter, then letters, digits and hyphens, at most 248 characters (120 for an
   * organization pack): Config allows 256 (128), and split packs add `-partN`. Names derived from it
   * (the notification topic's display name) are shortened to their own limits.
   * @default - with a template: its file name without the extension, other characters as hyphens
   *   (`Operational-Best-Practices-for-HIPAA-Security`), shortened with a hash when too long; required without one
   */
  readonly packName?: string;

  /**
   * Typed rules of the pack.
   * @default - none (give rules, ruleSets or template)
   */
  readonly rules?: PackRule[];

  /**
   * Ready-made rule sets, added after `rules`.
   * @default - none
   */
  readonly ruleSets?: RuleSet[];

  /**
   * An existing pack template (e.g. an AWS sample pack). Alone, it is delivered unchanged unless it
   * has to be split; with `rules` or `ruleSets`, those are added after the template's rules and the
   * template is re-rendered with them (its parameters and conditions kept). Rule names must be
   * unique across the template and the typed rules.
   * @default - the pack is rendered from rules and ruleSets
   */
  readonly template?: PackTemplate;

  /**
   * Values of the template's input parameters, by name (overriding their defaults).
   * @default - the template's defaults
   */
  readonly templateParameters?: { [name: string]: string };

  /**
   * Deploy to every account of the organization (`AWS::Config::OrganizationConformancePack`, from
   * the management or a delegated administrator account) instead of this account. Resources of
   * this account (the built-in evaluator, a created remediation role) are refused there: member
   * accounts cannot use them.
   * @default false
   */
  readonly organization?: boolean;

  /**
   * Accounts an organization pack skips (12-digit ids, at most 1000).
   * @default - none
   */
  readonly excludedAccounts?: string[];

  /**
   * Organization id (`o-...`). Needed for an organization pack's delivery bucket, so that member
   * accounts may write to it.
   * @default - none
   */
  readonly organizationId?: string;

  /**
   * Create a delivery bucket for the pack's evaluation results (named with the
   * `awsconfigconforms` prefix Config requires, encrypted, TLS only, logged, versioned).
   * @default false
   */
  readonly createDeliveryBucket?: boolean;

  /**
   * An existing delivery bucket. Its name must start with `awsconfigconforms`.
   * @default - none, or the created one with createDeliveryBucket
   */
  readonly deliveryBucket?: s3.IBucket;

  /**
   * Key prefix in the delivery bucket.
   * @default - none
   */
  readonly deliveryKeyPrefix?: string;

  /**
   * Create the Config prerequisites in this account and region: a configuration recorder (all
   * supported resource types, global types included) and a delivery channel to an encrypted
   * bucket with lifecycle rules, both ordered before the pack. A region has at most one recorder:
   * leave this off where one exists.
   * @default false
   */
  readonly createRecorder?: boolean;

  /**
   * Control Tower already runs Config (recorder and delivery channel) in this account: nothing is
   * created for it and `createRecorder` is refused.
   * @default false
   */
  readonly controlTowerManaged?: boolean;

  /**
   * Record global resource types (IAM users, roles, policies ...) with createRecorder. Record them
   * in one region only: every recording region bills them again.
   * @default true
   */
  readonly recordGlobalResourceTypes?: boolean;

  /**
   * SNS topic the delivery channel notifies of configuration changes (with createRecorder).
   * @default - none
   */
  readonly recorderTopic?: sns.ITopic;

  /**
   * How long configuration history and snapshots are kept in the created Config bucket.
   * @default Duration.days(2557) (7 years)
   */
  readonly configHistoryRetention?: Duration;

  /**
   * Where NON_COMPLIANT compliance changes (EventBridge `Config Rules Compliance Change`) are
   * notified. The rule matches every Config rule of the account and region (pack rules get
   * generated name suffixes), so keep it on for one pack per account and region and give the
   * others `{ enabled: false }`. Replaces `notifyNonCompliance` and `notificationTopic` of 0.x
   * (rejected with a pointer here).
   * @default - notifications on, to the stack's shared Gantry notification topic, no subscriber
   */
  readonly notifications?: NotificationOptions;

  /**
   * Key for everything the pack creates encrypted: the Config and delivery buckets, the built-in
   * evaluator's log group and dead letters, the notification dead letters. A key of the app gets the
   * statements AWS Config, CloudWatch Logs and EventBridge need. Constructs given different keys each
   * use their own; the stack's shared keys are used only where no key is given.
   * @default - the stack's shared keys (`SharedKeys`): artifacts for buckets, logs, messages
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Dead-letter queue of the notification rule's target. A queue given is used as is.
   * @default - the stack's shared dead-letter queue (`SecureDefaults.sharedDeadLetterQueue`, one per stack and key: this construct's `encryptionKey` when given) when notifications are on
   */
  readonly deadLetterQueue?: sqs.IQueue;

  /**
   * Create an organization configuration aggregator (all regions) in this account, so compliance
   * of every account shows here. Needs the management or a delegated administrator account.
   * @default false
   */
  readonly organizationAggregator?: boolean;

  /**
   * Where to register the notification topic, dead-letter queue and evaluator for dashboards and
   * alarms.
   * @default - not monitored
   */
  readonly monitoring?: IMonitoring;
}

/**
 * An AWS Config conformance pack from typed rules, ready-made rule sets or an existing template,
 * for this account or the whole organization.
 *
 * Limits are handled at synth: a template over 51,200 bytes goes through an S3 asset
 * (`TemplateS3Uri`, up to 300 KB), more than 130 rules split into several packs (`<name>`,
 * `<name>-part2` ...) filled in order, so adding a rule never moves an existing one to another part,
 * and duplicate rule names are refused.
 *
 * Config detects, it does not prevent (prevention is SCPs). The recorder must run before rules
 * evaluate. Cost is real: Config bills each recorded configuration item and each rule evaluation,
 * so prefer scoped, change-triggered rules and a recorder limited to the types you need.
 */
export class ConformancePack extends Construct {
  /** The account packs (one per part), when deployed to this account. */
  public readonly accountPacks: config.CfnConformancePack[] = [];
  /** The organization packs (one per part), when deployed to the organization. */
  public readonly organizationPacks: config.CfnOrganizationConformancePack[] = [];
  /** Name of the pack (of its first part). */
  public readonly packName: string;
  /** Names of the deployed packs, one per part. */
  public readonly packNames: string[] = [];
  /** Rule names of each part, in order. */
  public readonly partRuleNames: string[][] = [];
  /** Every rule name of the pack, in order. */
  public readonly ruleNames: string[];
  /** Template assets of the parts over 51,200 bytes. */
  public readonly templateAssets: assets.Asset[] = [];
  /** The pack delivery bucket, when given or created. */
  public readonly deliveryBucket?: s3.IBucket;
  /** The configuration recorder, with createRecorder. */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /** The delivery channel, with createRecorder. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  /** The role of the recorder, with createRecorder. */
  public readonly recorderRole?: iam.Role;
  /** The bucket of configuration history and snapshots, with createRecorder. */
  public readonly configBucket?: s3.Bucket;
  /** Gantry's built-in evaluator, when a custom Lambda rule uses it. */
  public readonly evaluator?: lambda.Function;
  /** Role SSM Automation assumes for remediations of documents Gantry knows. */
  public readonly remediationRole?: iam.Role;
  /** The rule sending NON_COMPLIANT changes to the topic. */
  public readonly notificationRule?: events.Rule;
  /** Topic of the NON_COMPLIANT notifications. */
  public readonly notificationTopic?: sns.ITopic;
  /** Dead-letter queue of the notification rule's target: the one given, or the stack's shared dead-letter queue (for the pack's `encryptionKey` when given). */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** Dead-letter queue of the built-in evaluator's failed asynchronous invocations: the stack's shared dead-letter queue (for the pack's `encryptionKey` when given). */
  public readonly evaluatorDeadLetterQueue?: sqs.Queue;
  /** The organization aggregator. */
  public readonly aggregator?: config.CfnConfigurationAggregator;

  private readonly mapping: ShiftLeftMapping[] = [];
  private readonly invokePermissions = new Set<string>();
  private readonly invokePermissionResources: IConstruct[] = [];
  private readonly remediationSids = new Set<string>();
  private readonly remediationWildcards = new Set<string>();
  private readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: ConformancePackProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.packName = this.resolvePackName(props);
    props = { ...props, packName: this.packName };
    this.validate(props);
    const organization = props.organization ?? false;

    const document = this.document(props, organization);
    this.ruleNames = document.entries.map((e) => e.ruleName);
    this.mapping = shiftLeft(document.entries);

    const prerequisites = this.createPrerequisites(props);
    this.deliveryBucket = props.deliveryBucket ?? (props.createDeliveryBucket ? this.createDeliveryBucket(props) : undefined);
    if (props.createRecorder) {
      this.recorder = prerequisites[0] as config.CfnConfigurationRecorder;
      this.deliveryChannel = prerequisites[1] as config.CfnDeliveryChannel;
    }

    const parts = renderParts(document, Limits.config.maxRulesPerConformancePack);
    for (const part of parts) this.deployPart(props, part, parts.length, organization, prerequisites);

    this.createNotifications(props);
    if (props.organizationAggregator) this.aggregator = this.createAggregator();
    if (props.monitoring) this.registerMonitoring(props.monitoring);
  }

  /** Rules of the pack that cdk-nag also checks at synth, with the matching nag rule ids. */
  public shiftLeftMapping(): ShiftLeftMapping[] {
    return this.mapping.map((m) => ({ ...m, nagRuleIds: [...m.nagRuleIds] }));
  }

  /** Every cdk-nag rule id that checks a control of this pack at synth, sorted. */
  public nagRuleIds(): string[] {
    return [...new Set(this.mapping.flatMap((m) => m.nagRuleIds))].sort();
  }

  /** The given name, or one derived from the template's file name. */
  private resolvePackName(props: ConformancePackProps): string {
    if (props.packName !== undefined) return props.packName;
    if (!props.template) return fail(this, 'packName', undefined, 'a pack name (only a pack from a template file can derive one)');
    const maxName = (props.organization ? Limits.conformancePack.maxOrganizationNameLength : Limits.conformancePack.maxNameLength) - PART_SUFFIX_ROOM;
    return packNameFromFile(props.template.sourceName, maxName);
  }

  private validate(props: ConformancePackProps): void {
    const organization = props.organization ?? false;
    const limits = Limits.conformancePack;
    const maxName = organization ? limits.maxOrganizationNameLength : limits.maxNameLength;
    checkPattern(this, 'packName', props.packName, limits.namePattern, 'a letter, then letters, digits and hyphens');
    if (!isUnresolved(props.packName) && props.packName!.length > maxName - PART_SUFFIX_ROOM) {
      fail(this, 'packName', props.packName, `at most ${maxName - PART_SUFFIX_ROOM} characters (room for the -partN suffix of split packs)`);
    }
    const hasRules = (props.rules?.length ?? 0) + (props.ruleSets?.length ?? 0) > 0;
    if (!props.template && !hasRules) fail(this, 'rules', props.rules, 'at least one rule, rule set or a template');
    if (props.templateParameters && !props.template) fail(this, 'templateParameters', props.templateParameters, 'template parameters only with a template');
    if (props.excludedAccounts && !organization) fail(this, 'excludedAccounts', props.excludedAccounts, 'excluded accounts only with organization: true');
    checkCount(this, 'excludedAccounts', props.excludedAccounts, 0, limits.maxExcludedAccounts);
    checkEach(this, 'excludedAccounts', props.excludedAccounts, Limits.organizations.accountIdPattern, 'a 12-digit account id');
    checkUnique(this, 'excludedAccounts', props.excludedAccounts);
    checkPattern(this, 'organizationId', props.organizationId, Limits.organizations.organizationIdPattern, 'an organization id like o-a1b2c3d4e5');
    if (props.createDeliveryBucket && props.deliveryBucket) fail(this, 'createDeliveryBucket', true, 'either createDeliveryBucket or deliveryBucket, not both');
    if (props.createDeliveryBucket && organization && !props.organizationId) {
      fail(this, 'organizationId', undefined, 'the organization id, so member accounts may write to the created delivery bucket');
    }
    const bucketName = props.deliveryBucket?.bucketName;
    if (bucketName !== undefined && !isUnresolved(bucketName) && !bucketName.startsWith(Limits.conformancePack.deliveryBucketPrefix)) {
      fail(this, 'deliveryBucket', bucketName, `a bucket whose name starts with '${Limits.conformancePack.deliveryBucketPrefix}' (required by Config)`);
    }
    checkPattern(this, 'deliveryKeyPrefix', props.deliveryKeyPrefix, /[^\s]{1,1024}/, '1-1024 characters without spaces');
    if (props.deliveryKeyPrefix && !props.deliveryBucket && !props.createDeliveryBucket) {
      fail(this, 'deliveryKeyPrefix', props.deliveryKeyPrefix, 'a key prefix only with a delivery bucket');
    }
    if (props.createRecorder && props.controlTowerManaged) {
      fail(this, 'createRecorder', true, 'false when controlTowerManaged: Control Tower already runs the recorder and delivery channel');
    }
    if (props.recordGlobalResourceTypes !== undefined && !props.createRecorder) {
      fail(this, 'recordGlobalResourceTypes', props.recordGlobalResourceTypes, 'a recording choice only with createRecorder');
    }
    if (props.recorderTopic && !props.createRecorder) fail(this, 'recorderTopic', props.recorderTopic.node.path, 'a recorder topic only with createRecorder');
    if (props.configHistoryRetention && !props.createRecorder) fail(this, 'configHistoryRetention', props.configHistoryRetention.toHumanString(), 'a retention only with createRecorder');
    const retentionDays = props.configHistoryRetention?.toDays();
    if (retentionDays !== undefined && !isUnresolved(retentionDays) && (retentionDays < 1 || !Number.isInteger(retentionDays))) {
      fail(this, 'configHistoryRetention', props.configHistoryRetention!.toHumanString(), 'a whole number of days, at least 1');
    }
    rejectRemovedProps(this, props, { notifyNonCompliance: 'notifications.enabled', notificationTopic: 'notifications.topic' });
  }

  /**
   * The pack's rules: the template's first (as given), then the typed rules and rule sets. With
   * typed rules added, the template is re-rendered with them (its parameters and conditions kept).
   */
  private document(props: ConformancePackProps, organization: boolean): PackDocument {
    const base = props.template ? this.templateDocument(props) : undefined;
    const hasRules = (props.rules?.length ?? 0) + (props.ruleSets?.length ?? 0) > 0;
    if (!hasRules) return base!;
    const where = (e: PackEntry) => `template (${props.template!.sourceName}) Resources.${e.logicalId}`;
    const typed = this.typedDocument(props, organization, base?.entries ?? [], (base?.entries ?? []).map(where));
    if (!base) return typed;
    return { parameters: base.parameters, conditions: base.conditions, entries: [...base.entries, ...typed.entries] };
  }

  private templateDocument(props: ConformancePackProps): PackDocument {
    const document = props.template!._parse(this, 'template');
    const given = props.templateParameters ?? {};
    for (const name of Object.keys(given)) {
      if (!(name in document.parameters)) {
        fail(this, `templateParameters.${name}`, name, `a parameter of ${props.template!.sourceName}: ${Object.keys(document.parameters).join(', ') || 'it has none'}${didYouMean(name, Object.keys(document.parameters))}`);
      }
    }
    for (const [name, definition] of Object.entries(document.parameters)) {
      const hasDefault = typeof definition === 'object' && definition !== null && 'Default' in definition;
      if (!hasDefault && given[name] === undefined) {
        fail(this, `templateParameters.${name}`, undefined, `a value: ${props.template!.sourceName} declares ${name} without a default`);
      }
    }
    return document;
  }

  private typedDocument(props: ConformancePackProps, organization: boolean, templateEntries: PackEntry[], templateOrigins: string[]): PackDocument {
    const rules: Array<[string, PackRule]> = (props.rules ?? []).map((r, i) => [`rules[${i}]`, r]);
    const origins = (props.rules ?? []).map((_, i) => `rules[${i}]`);
    (props.ruleSets ?? []).forEach((set, s) => {
      set._check(this, `ruleSets[${s}]`);
      set.rules.forEach((r, i) => {
        rules.push([`ruleSets[${s}].rules[${i}]`, r]);
        origins.push(`ruleSets[${s}] (${set.name}).rules[${i}]`);
      });
    });
    checkUniqueRuleNames(this, 'rules', [...templateEntries.map((e) => e.ruleName), ...rules.map(([, r]) => r.ruleName)], [...templateOrigins, ...origins]);
    const context: RuleRenderContext = {
      builtInEvaluator: () => {
        if (organization) fail(this, 'rules', 'built-in evaluator', 'custom Lambda rules with your own evaluator in an organization pack (the built-in one lives in this account only)');
        return this.builtInEvaluator();
      },
      allowConfigToInvoke: (evaluator) => this.allowConfigToInvoke(evaluator),
    };
    const rendered: RenderedRule[] = rules.map(([prop, rule]) => rule._render(this, prop, context));
    // Logical ids of the template's resources are taken: typed rules get others.
    const logicalIds = new Set<string>(templateEntries.flatMap((e) => [e.logicalId, ...e.remediations.map((r) => r.logicalId)]));
    const entries = rendered.map((rule): PackEntry => {
      const logicalId = uniqueLogicalId(rule.ruleName, logicalIds);
      const remediations = rule.remediation
        ? [this.remediationResource(rule, rule.remediation, logicalId, logicalIds, organization)]
        : [];
      return { ruleName: rule.ruleName, logicalId, rule: { Type: 'AWS::Config::ConfigRule', Properties: rule.properties }, remediations };
    });
    this.suppressRemediationWildcards();
    return { parameters: {}, entries };
  }

  private remediationResource(rule: RenderedRule, plan: RemediationPlan, ruleLogicalId: string, logicalIds: Set<string>, organization: boolean) {
    let roleArn: string | undefined;
    if (!plan.role && plan.document) {
      if (organization) {
        fail(this, `${rule.prop} (${rule.ruleName}).remediation.role`, undefined,
          'an explicit role (or AutomationAssumeRole parameter) in an organization pack: the role Gantry creates exists in this account only');
      }
      roleArn = this.grantRemediation(plan).roleArn;
    }
    return {
      logicalId: uniqueLogicalId(`${ruleLogicalId}Remediation`, logicalIds),
      resource: { Type: 'AWS::Config::RemediationConfiguration', DependsOn: ruleLogicalId, Properties: plan.render(rule.ruleName, roleArn) },
    };
  }

  /** The remediation role, allowed exactly the actions of the documents the pack uses. */
  private grantRemediation(plan: RemediationPlan): iam.Role {
    const stack = Stack.of(this);
    let role = this.remediationRole;
    if (!role) {
      role = new iam.Role(this, 'RemediationRole', {
        description: `Assumed by SSM Automation to remediate non-compliant resources of conformance pack ${this.node.path}`,
        assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      });
      (this as { remediationRole?: iam.Role }).remediationRole = role;
    }
    const document = plan.document!;
    const sid = document.name.replace(/[^A-Za-z0-9]/g, '');
    const policy = this.remediationPolicy(role);
    if (!this.remediationSids.has(sid)) {
      this.remediationSids.add(sid);
      const resources = document.resourceArns(stack);
      // S3 bucket ARNs name no account: keep the role to this account's buckets.
      const conditions = resources.some((arn) => arn.includes(':s3:::')) ? { StringEquals: { 'aws:ResourceAccount': stack.account } } : undefined;
      policy.addStatements(new iam.PolicyStatement({ sid, actions: document.actions, resources, conditions }));
      resources.filter((arn) => arn.includes('*')).forEach((arn) => this.remediationWildcards.add(`Resource::${flattenReference(stack.resolve(arn))}`));
      if (document.unscopedActions?.length) {
        policy.addStatements(new iam.PolicyStatement({ sid: `${sid}Describe`, actions: document.unscopedActions, resources: ['*'] }));
        this.remediationWildcards.add('Resource::*');
      }
    }
    return role;
  }

  /** Suppresses exactly the wildcard resources the remediation documents need, once all are known. */
  private suppressRemediationWildcards(): void {
    const policy = this.node.tryFindChild('RemediationPolicy') as iam.ManagedPolicy | undefined;
    if (!policy || this.remediationWildcards.size === 0) return;
    const describes = this.remediationWildcards.has('Resource::*') ? '; its describe calls have no resource-level permissions' : '';
    suppressNagFindings(policy, [{
      id: 'AwsSolutions-IAM5',
      reason: 'Config passes the non-compliant resource id at run time, so a document acts on any resource of the rule\'s type '
        + `(ARNs with a wildcard name, S3 buckets of this account only)${describes}.`,
      appliesTo: [...this.remediationWildcards].sort(),
    }]);
  }

  private remediationPolicy(role: iam.Role): iam.ManagedPolicy {
    const existing = this.node.tryFindChild('RemediationPolicy') as iam.ManagedPolicy | undefined;
    if (existing) return existing;
    const policy = new iam.ManagedPolicy(this, 'RemediationPolicy', {
      description: `Actions of the SSM Automation documents that remediate conformance pack ${this.node.path}`,
      roles: [role],
    });
    return policy;
  }

  private builtInEvaluator(): lambda.IFunction {
    if (this.evaluator) return this.evaluator;
    const { logGroup } = secureLogGroup(this, 'EvaluatorLogs', { encryptionKey: this.encryptionKey });
    // Async invocations (Config invokes the evaluator asynchronously) that fail land in the
    // stack's shared dead-letter queue (for the pack's key).
    const deadLetterQueue = sharedDeadLetterQueue(this, { encryptionKey: this.encryptionKey });
    const dlqKey = deadLetterQueue.encryptionMasterKey!;
    const role = new iam.Role(this, 'EvaluatorRole', {
      description: `Role of the rule evaluator of conformance pack ${this.node.path}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    // Every permission lives in one customer-managed policy (no inline policy).
    const policy = new iam.ManagedPolicy(this, 'EvaluatorPolicy', {
      description: `Permissions of the rule evaluator of conformance pack ${this.node.path}`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({ sid: 'WriteLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        new iam.PolicyStatement({ sid: 'DeadLetters', actions: ['sqs:SendMessage'], resources: [deadLetterQueue.queueArn] }),
        new iam.PolicyStatement({ sid: 'DeadLetterEncryption', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [dlqKey.keyArn] }),
        new iam.PolicyStatement({ sid: 'Evaluate', actions: ['config:PutEvaluations', 'config:GetResourceConfigHistory'], resources: ['*'] }),
        new iam.PolicyStatement({ sid: 'Trace', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
      ],
    });
    suppressNagFindings(policy, [{
      id: 'AwsSolutions-IAM5',
      reason: 'config:PutEvaluations, config:GetResourceConfigHistory and the X-Ray Put actions have no resource-level permissions (Service Authorization Reference).',
      appliesTo: ['Resource::*'],
    }]);
    const evaluator = new RuleEvaluatorFunction(this, 'Evaluator', {
      description: `Evaluates the custom Lambda rules of conformance pack ${this.node.path} (property equals expected value)`,
      // A reference that takes no grants: every permission is in the managed policy above.
      role: iam.Role.fromRoleArn(this, 'EvaluatorRoleReference', role.roleArn, { mutable: false }),
      memorySize: 256,
      timeout: Duration.seconds(30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      deadLetterQueue,
    });
    evaluator.node.addDependency(policy);
    acceptHandlerFunctionFindings(evaluator, {
      network: 'The evaluator only calls the AWS Config API; it reaches no VPC resource, and VPC placement would need Config and X-Ray endpoints for nothing.',
      concurrency: 'Config invokes the evaluator once per configuration change; a reservation would take concurrency from the account pool (new accounts reject any reservation).',
    });
    (this as { evaluator?: lambda.Function }).evaluator = evaluator;
    (this as { evaluatorDeadLetterQueue?: sqs.Queue }).evaluatorDeadLetterQueue = deadLetterQueue;
    this.allowConfigToInvoke(evaluator);
    return evaluator;
  }

  private allowConfigToInvoke(evaluator: lambda.IFunction): void {
    if (this.invokePermissions.has(evaluator.node.addr)) return;
    this.invokePermissions.add(evaluator.node.addr);
    const id = `AllowConfigInvoke${Names.uniqueId(this).slice(-8)}`;
    evaluator.addPermission(id, {
      principal: new iam.ServicePrincipal('config.amazonaws.com'),
      sourceAccount: Stack.of(this).account,
    });
    const permission = evaluator.node.tryFindChild(id);
    if (permission) this.invokePermissionResources.push(permission);
  }

  private ensureDeadLetterQueue(props: ConformancePackProps): sqs.IQueue {
    if (!this.deadLetterQueue) {
      (this as { deadLetterQueue?: sqs.IQueue }).deadLetterQueue = props.deadLetterQueue ?? eventDeadLetterQueue(this, this.encryptionKey);
    }
    return this.deadLetterQueue!;
  }

  /** Recorder and delivery channel (in that order), or nothing. */
  private createPrerequisites(props: ConformancePackProps): CfnResource[] {
    if (!props.createRecorder || props.controlTowerManaged) return [];
    const stack = Stack.of(this);
    const key = this.encryptionKey ?? SharedKeys.of(this).artifactsKey;
    allowServicesToUseKey(key, {
      sid: 'AllowConfigToEncryptDeliveries',
      services: ['config.amazonaws.com'],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    });
    const retentionDays = props.configHistoryRetention?.toDays() ?? 2557;
    const { bucket } = secureBucket(this, 'ConfigBucket', {
      encryptionKey: key,
      bucketProps: {
        lifecycleRules: [{
          id: 'ConfigHistoryRetention',
          transitions: retentionDays > 90
            ? [{ storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) }]
            : undefined,
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(30),
        }],
      },
    });
    (this as { configBucket?: s3.Bucket }).configBucket = bucket;
    const deliveryPrefix = `arn:${stack.partition}:s3:::${bucket.bucketName}/AWSLogs/${stack.account}/Config/*`;
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketPermissionsCheck',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSConfigBucketDelivery',
      principals: [new iam.ServicePrincipal('config.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [deliveryPrefix],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    }));

    const role = new iam.Role(this, 'RecorderRole', {
      description: `AWS Config recorder role of ${this.node.path}`,
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    const deliveryPolicy = new iam.ManagedPolicy(this, 'RecorderDeliveryPolicy', {
      description: `Lets the AWS Config recorder of ${this.node.path} deliver to its bucket`,
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucket.bucketArn] }),
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [deliveryPrefix] }),
        new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
        ...(props.recorderTopic ? [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.recorderTopic.topicArn] })] : []),
      ],
    });
    const accountInArn = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const bucketLogicalId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    suppressNagFindings(deliveryPolicy, [{
      id: 'AwsSolutions-IAM5',
      reason: 'Config writes history and snapshot objects with generated keys under AWSLogs/<account>/Config/ of its own bucket only.',
      appliesTo: [`Resource::arn:<AWS::Partition>:s3:::<${bucketLogicalId}>/AWSLogs/${accountInArn}/Config/*`],
    }]);
    suppressNagFindings(role, [{
      id: 'AwsSolutions-IAM4',
      reason: 'AWS_ConfigRole is the AWS-maintained read policy for every resource type Config records; AWS updates it as services add types, which a hand-written policy cannot follow.',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole'],
    }]);
    (this as { recorderRole?: iam.Role }).recorderRole = role;

    const recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.recordGlobalResourceTypes ?? true },
    });
    const channel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: bucket.bucketName,
      s3KmsKeyArn: key.keyArn,
      snsTopicArn: props.recorderTopic?.topicArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    // Config needs a recorder before a delivery channel, and both before rules evaluate.
    channel.node.addDependency(recorder);
    // The channel references the bucket and the recorder the role; their policies are not referenced.
    channel.node.addDependency(bucket.policy!, deliveryPolicy);
    return [recorder, channel];
  }

  private createDeliveryBucket(props: ConformancePackProps): s3.Bucket {
    const stack = Stack.of(this);
    // Config requires the prefix; the account and region make the global name unique.
    const bucketName = `${Limits.conformancePack.deliveryBucketPrefix}-${contentHash(this.node.path).slice(0, 8)}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const key = this.encryptionKey ?? SharedKeys.of(this).artifactsKey;
    const { bucket } = secureBucket(this, 'DeliveryBucket', {
      encryptionKey: key,
      bucketProps: {
        bucketName,
        lifecycleRules: [{ id: 'ExpireOldResults', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      },
    });
    // The conformance pack service-linked role writes the results. It may not exist before the
    // first pack, so it is matched by ARN in a condition rather than named as principal.
    const organization = props.organization ?? false;
    const principal = organization ? new iam.AnyPrincipal() : new iam.AccountRootPrincipal();
    const conditions: Record<string, Record<string, string>> = organization
      ? { StringEquals: { 'aws:PrincipalOrgID': props.organizationId! }, ArnLike: { 'aws:PrincipalArn': `arn:${stack.partition}:iam::*:role/${CONFORMS_SERVICE_ROLE}` } }
      : { ArnEquals: { 'aws:PrincipalArn': `arn:${stack.partition}:iam::${stack.account}:role/${CONFORMS_SERVICE_ROLE}` } };
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowConformancePackBucketCheck',
      principals: [principal],
      actions: ['s3:GetBucketAcl'],
      resources: [bucket.bucketArn],
      conditions,
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowConformancePackDelivery',
      principals: [principal],
      actions: ['s3:PutObject', 's3:GetObject'],
      resources: [bucket.arnForObjects('*')],
      conditions,
    }));
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowConformancePackDelivery',
      principals: [principal],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'], // in a key policy, '*' is this key
      conditions,
    }));
    return bucket;
  }

  private deployPart(props: ConformancePackProps, part: RenderedPart, count: number, organization: boolean, prerequisites: CfnResource[]): void {
    const name = part.index === 1 ? this.packName : `${this.packName}-part${part.index}`;
    const id = part.index === 1 ? 'Pack' : `Pack${part.index}`;
    const where = count === 1 ? 'template' : `template (part ${part.index} of ${count})`;
    if (part.bytes > Limits.config.maxPackTemplateS3Bytes) {
      fail(this, where, `${part.bytes} bytes`, `at most ${Limits.config.maxPackTemplateS3Bytes} bytes (the TemplateS3Uri limit): use fewer or shorter rules`);
    }
    const inputs: Record<string, string> = { ...(props.templateParameters ?? {}), ...part.tokenParameters };
    if (Object.keys(inputs).length > Limits.conformancePack.maxInputParameters) {
      fail(this, 'templateParameters', `${Object.keys(inputs).length} parameters`, `at most ${Limits.conformancePack.maxInputParameters} input parameters per pack`);
    }
    const inputParameters = Object.keys(inputs).length
      ? Object.entries(inputs).map(([parameterName, parameterValue]) => ({ parameterName, parameterValue }))
      : undefined;
    let templateBody: string | undefined;
    let templateS3Uri: string | undefined;
    if (part.bytes > Limits.config.maxPackTemplateBodyBytes) {
      const asset = new assets.Asset(this, part.index === 1 ? 'TemplateAsset' : `TemplateAsset${part.index}`, { path: writeTemplateFile(part.text) });
      this.templateAssets.push(asset);
      templateS3Uri = asset.s3ObjectUrl;
    } else {
      templateBody = part.text;
    }
    let pack: CfnResource;
    if (organization) {
      const orgPack = new config.CfnOrganizationConformancePack(this, id, {
        organizationConformancePackName: name,
        templateBody,
        templateS3Uri,
        conformancePackInputParameters: inputParameters,
        excludedAccounts: props.excludedAccounts,
        deliveryS3Bucket: this.deliveryBucket?.bucketName,
        deliveryS3KeyPrefix: props.deliveryKeyPrefix,
      });
      this.organizationPacks.push(orgPack);
      pack = orgPack;
    } else {
      const accountPack = new config.CfnConformancePack(this, id, {
        conformancePackName: name,
        templateBody,
        templateS3Uri,
        conformancePackInputParameters: inputParameters,
        deliveryS3Bucket: this.deliveryBucket?.bucketName,
        deliveryS3KeyPrefix: props.deliveryKeyPrefix,
      });
      this.accountPacks.push(accountPack);
      pack = accountPack;
    }
    for (const prerequisite of prerequisites) pack.node.addDependency(prerequisite);
    // Referenced resources are ordered by their Ref/GetAtt; these are the ones the pack needs but
    // does not reference: the bucket policy, the remediation policy, Config's invoke permissions.
    if (this.deliveryBucket?.policy) pack.node.addDependency(this.deliveryBucket.policy);
    if (this.remediationRole) pack.node.addDependency(this.node.findChild('RemediationPolicy'));
    for (const permission of this.invokePermissionResources) pack.node.addDependency(permission);
    this.packNames.push(name);
    this.partRuleNames.push(part.ruleNames);
  }

  private createNotifications(props: ConformancePackProps): void {
    // The key of a given topic gets EventBridge's statement (or synth fails for an imported key);
    // only this rule may publish (aws:SourceArn, see RuleTopicTarget).
    const topic = resolveNotifications(this, 'notifications', props.notifications, ['events.amazonaws.com']);
    if (!topic) return;
    const rule = new events.Rule(this, 'NonCompliantRule', {
      description: `NON_COMPLIANT Config evaluations, sent to ${topic.node.path}`,
      eventPattern: {
        source: ['aws.config'],
        detailType: [COMPLIANCE_CHANGE_DETAIL_TYPE],
        detail: {
          messageType: ['ComplianceChangeNotification'],
          newEvaluationResult: { complianceType: ['NON_COMPLIANT'] },
        },
      },
    });
    rule.addTarget(new DeadLetteredTarget(new RuleTopicTarget(topic), this.ensureDeadLetterQueue(props)));
    (this as { notificationTopic?: sns.ITopic }).notificationTopic = topic;
    (this as { notificationRule?: events.Rule }).notificationRule = rule;
  }

  private createAggregator(): config.CfnConfigurationAggregator {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'AggregatorRole', {
      description: `Lets AWS Config aggregate the organization for ${this.node.path}`,
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
    });
    suppressNagFindings(role, [{
      id: 'AwsSolutions-IAM4',
      reason: 'AWSConfigRoleForOrganizations is the AWS-maintained policy for organization aggregators (read-only Organizations calls, which have no resource-level permissions).',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations'],
    }]);
    const aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
      organizationAggregationSource: { roleArn: role.roleArn, allAwsRegions: true },
    });
    return aggregator;
  }

  private registerMonitoring(monitoring: IMonitoring): void {
    const title = `Conformance pack ${this.node.path}`;
    if (this.notificationTopic) monitoring.monitor(this.notificationTopic, { title: `${title}: NON_COMPLIANT notifications` });
    if (this.deadLetterQueue) monitorDeadLetterQueue(monitoring, this.deadLetterQueue, { title: `${title}: dead letters` });
    if (this.evaluator) monitoring.monitor(this.evaluator, { title: `${title}: rule evaluator` });
    if (this.evaluatorDeadLetterQueue) monitorDeadLetterQueue(monitoring, this.evaluatorDeadLetterQueue);
  }
}

/** A logical id (letters and digits) for a rule name, unique in the template. */
function uniqueLogicalId(name: string, taken: Set<string>): string {
  const base = (isUnresolved(name) ? 'Rule' : name.replace(/[^A-Za-z0-9]/g, '')) || 'Rule';
  let candidate = base.slice(0, 240);
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 240)}${n}`;
  taken.add(candidate);
  return candidate;
}

/** Catalogue rules of the pack that cdk-nag also checks. */
function shiftLeft(entries: PackEntry[]): ShiftLeftMapping[] {
  const mapping: ShiftLeftMapping[] = [];
  for (const entry of entries) {
    const source = ((entry.rule.Properties ?? {}) as { Source?: { Owner?: string; SourceIdentifier?: unknown } }).Source;
    if (source?.Owner !== 'AWS' || typeof source.SourceIdentifier !== 'string') continue;
    const nagRuleIds = MANAGED_RULES.get(source.SourceIdentifier)?.nagRuleIds ?? [];
    if (nagRuleIds.length) mapping.push({ ruleName: entry.ruleName, identifier: source.SourceIdentifier, nagRuleIds: [...nagRuleIds] });
  }
  return mapping;
}

/**
 * Writes a template to a file named by its content, so the asset is the same for the same
 * template on every synth.
 */
function writeTemplateFile(text: string): string {
  const dir = path.join(os.tmpdir(), 'gantry-conformance-packs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${contentHash(text)}.yaml`);
  if (!existsSync(file)) {
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  }
  return file;
}
