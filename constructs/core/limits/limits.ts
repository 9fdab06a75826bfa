/**
 * AWS limits and facts the constructs enforce at synth time. Each number appears here once, with
 * where it comes from. Quotas that can be raised are noted; Gantry checks against the default.
 */
export const Limits = {
  cloudFormation: {
    /** Resources per stack. Source: CloudFormation User Guide, "CloudFormation quotas". */
    maxResourcesPerStack: 500,
    /** Template body size passed inline (TemplateBody) in bytes. Source: "CloudFormation quotas". */
    maxTemplateBodyBytes: 51_200,
    /** Template size uploaded to S3 (TemplateURL) in bytes, 1 MB. Source: "CloudFormation quotas". */
    maxTemplateBytes: 1_000_000,
    /** Parameters per template. Source: "CloudFormation quotas". */
    maxParameters: 200,
    /** Outputs per template. Source: "CloudFormation quotas". */
    maxOutputs: 200,
    /**
     * Names of stacks, stack sets and change sets: a letter, then letters, digits and hyphens, up to 128.
     * Source: CloudFormation API reference, CreateStack StackName, CreateStackSet StackSetName and
     * CreateChangeSet ChangeSetName ("can contain only alphanumeric, case sensitive characters, and
     * hyphens. It must start with an alphabetical character and can't exceed 128 characters"; checked 2026-12-01).
     */
    namePattern: /[A-Za-z][A-Za-z0-9-]{0,127}/,
    /** `namePattern` in words, for error messages. */
    nameAllowed: 'a letter, then letters, digits and hyphens (up to 128 characters)',
  },
  iam: {
    /**
     * Role names: up to 64 of letters, digits and `+=,.@_-`, unique in the account (case-insensitive).
     * Source: IAM User Guide, "IAM and AWS STS quotas" (name requirements, character limits). Checked 2026-12-01.
     */
    maxRoleNameLength: 64,
  },
  codePipeline: {
    /** Actions per stage. Source: CodePipeline User Guide, "Quotas in AWS CodePipeline". */
    maxActionsPerStage: 50,
    /** Stages per pipeline (min 2). Source: "Quotas in AWS CodePipeline". */
    maxStagesPerPipeline: 50,
    minStagesPerPipeline: 2,
    /** Parallel actions in one stage (same runOrder). Source: "Quotas in AWS CodePipeline". */
    maxParallelActionsPerStage: 50,
    /** Sequential actions in a stage. Source: "Quotas in AWS CodePipeline". */
    maxSequentialActionsPerStage: 50,
    /**
     * A manual approval without a timeout of its own fails after 7 days ("Approve or reject an
     * approval action in CodePipeline": "if no response is received within seven days ... the
     * pipeline status is Failed"); an action's `TimeoutInMinutes` overrides that default within
     * the quota below (ActionDeclaration: "a timeout duration in minutes that can be applied against
     * the ActionType's default timeout value specified in Quotas"), so approvals up to 60 days are
     * accepted (checked 2026-12-01).
     */
    approvalTimeoutDays: 7,
    /** Pipeline-level variables (V2). Source: "Quotas in AWS CodePipeline". */
    maxPipelineVariables: 50,
    /**
     * Trigger configurations per source action (V2): one. Corrected from 50: CodePipeline API
     * reference, GitConfiguration ("You can only specify one trigger configuration per source action").
     */
    maxTriggersPerSourceAction: 1,
    /** Push filters and pull-request filters per trigger, 3 each. Source: CodePipeline API reference, GitConfiguration. */
    maxGitFiltersPerEvent: 3,
    /** Include/exclude globs per branch, tag or file-path criterion. Source: CodePipeline API reference, GitBranchFilterCriteria. */
    maxGlobsPerFilterCriterion: 8,
    /** Manual approval timeout per action: 5 minutes to 86,400 minutes (60 days). Source: "Quotas in AWS CodePipeline". */
    minApprovalTimeoutMinutes: 5,
    maxApprovalTimeoutMinutes: 86_400,
    /** Rules per stage condition. Source: CodePipeline API reference, Condition (1-5 rules). */
    maxRulesPerCondition: 5,
    /**
     * A CloudWatchAlarm rule (stage condition) names its alarm by `AlarmName` and reads it with the
     * pipeline: RuleDeclaration documents `RoleArn` as "the pipeline role ARN associated with the
     * rule" and `Region` as the region of the rule, and documents no cross-account use (unlike an
     * ActionDeclaration's role, "assumed through the roleArn for the pipeline"). So gate alarms live
     * in the pipeline's account (another region through `Region`); a stage in another account is
     * gated on copies made in the pipeline's account (`cloudWatch.crossAccountObservabilitySameRegionOnly`). Sources: CodePipeline API
     * reference, RuleDeclaration; User Guide, "CloudWatchAlarm" rule reference (checked 2026-12-01).
     */
    gateAlarmsInPipelineAccountOnly: true,
    /** runOrder of an action. Source: CodePipeline API reference, ActionDeclaration (1-999). */
    minRunOrder: 1,
    maxRunOrder: 999,
    /** Stage, action, rule names: 1-100 of letters, digits and `.@-_`. Source: CodePipeline API reference, StageDeclaration/ActionDeclaration. */
    namePattern: /[A-Za-z0-9.@\-_]{1,100}/,
    /** Pipeline variable names: 1-128 of letters, digits and `@-_`; default value up to 1000, description up to 200 characters. Source: CodePipeline API reference, PipelineVariableDeclaration. */
    variableNamePattern: /[A-Za-z0-9@\-_]{1,128}/,
    maxVariableDefaultValueLength: 1000,
    maxVariableDescriptionLength: 200,
    /**
     * Variable namespaces of actions: 1-100 of letters, digits and `@-_` (ActionDeclaration
     * `Namespace`). A CloudFormation deploy action with a namespace exports the stack's outputs as
     * variables `#{Namespace.OutputKey}` to later actions of the execution (CodePipeline User
     * Guide, "Variables reference": CloudFormation actions; also what CDK Pipelines'
     * `StackOutputReference` relies on for its change-set execute action). Checked 2026-12-01.
     */
    variableNamespacePattern: /[A-Za-z0-9@\-_]{1,100}/,
    /** Input artifacts of a CodeBuild action: 1-5. Source: CodePipeline User Guide, "Valid input and output artifacts for each action type". */
    maxCodeBuildInputArtifacts: 5,
  },
  codeBuild: {
    /** Build timeout: 5 minutes to 36 hours (2160 minutes). Source: CodeBuild API reference, CreateProject timeoutInMinutes. */
    minTimeoutMinutes: 5,
    maxTimeoutMinutes: 2160,
    /** Report group name part of a buildspec report: letters, digits, `-` and `_`, 2-128. Source: CodeBuild API reference, CreateReportGroup. */
    reportNamePattern: /[A-Za-z0-9][A-Za-z0-9_-]{1,127}/,
  },
  codeDeploy: {
    /** A Lambda lifecycle hook must report its status within one hour. Source: CodeDeploy User Guide, AppSpec "hooks" section. */
    hookTimeoutMinutes: 60,
    /** Traffic percentage for custom canary/linear configs. Source: CodeDeploy API, TimeBasedCanary/TimeBasedLinear. */
    minTrafficPercent: 1,
    maxTrafficPercent: 99,
    /** Interval minutes for custom canary/linear configs. Source: CodeDeploy API, TimeBasedCanary/TimeBasedLinear (up to 2880). */
    minIntervalMinutes: 1,
    maxIntervalMinutes: 2880,
    /** Alarms per deployment group. Source: CodeDeploy User Guide, "Quotas". */
    maxAlarmsPerDeploymentGroup: 10,
  },
  config: {
    /** Config rules per conformance pack. Source: AWS Config Developer Guide, "Service limits". */
    maxRulesPerConformancePack: 130,
    /** TemplateBody size for a conformance pack in bytes. Source: PutConformancePack API reference. */
    maxPackTemplateBodyBytes: 51_200,
    /** Template size when given as TemplateS3Uri, 300 KB. Source: PutConformancePack API reference. */
    maxPackTemplateS3Bytes: 300_000,
    /** Periodic evaluation frequencies. Source: AWS Config API, MaximumExecutionFrequency. */
    periodicFrequenciesHours: [1, 3, 6, 12, 24] as readonly number[],
    /** Description of a Config rule, at most 256 characters. Source: AWS Config API, ConfigRule.Description (EmptiableStringWithCharLimit256). */
    maxRuleDescriptionLength: 256,
  },
  sns: {
    /**
     * Topic display name, at most 100 characters. Source: Amazon SNS Developer Guide, creating a topic
     * ("Display name ... up to 100 characters"), enforced by aws-cdk-lib's Topic at synth.
     */
    maxDisplayNameLength: 100,
  },
  controlTower: {
    /**
     * Control-related operations (enable, disable, update a control on an OU) in progress at once, in
     * total, from the console or an API; of these at most 20 may be proactive-control operations.
     * Source: Control Tower User Guide, "Limitations and quotas in AWS Control Tower" (checked
     * 2026-12-01; copies of the page before 2025 said 10).
     */
    maxConcurrentControlOperations: 100,
    maxConcurrentProactiveControlOperations: 20,
    /**
     * Operations on organizational units (registering an OU, which enabling a baseline on it is) run
     * one at a time. Source: Control Tower User Guide, "Request a quota increase" ("Concurrent
     * operations for organizational units (OUs)": default 1, not adjustable) and "Limitations and
     * quotas in AWS Control Tower" ("In general, one operation at a time is permitted"), checked 2026-12-01.
     */
    maxConcurrentOuOperations: 1,
    /** Landing zone and baseline versions: digits with up to two dots. Source: CloudFormation, AWS::ControlTower::EnabledBaseline BaselineVersion pattern. */
    versionPattern: /\d+(?:\.\d+){0,2}/,
  },
  regions: {
    /** Region code, e.g. eu-west-1, us-gov-west-1. Source: AWS General Reference, "AWS service endpoints" (Region column). */
    namePattern: /[a-z]{2}(?:-[a-z]+)+-\d/,
  },
  stackSets: {
    /** MaxConcurrentPercentage of StackSet operation preferences. Source: CloudFormation API, StackSetOperationPreferences. */
    minConcurrentPercentage: 1,
    maxConcurrentPercentage: 100,
    /** FailureTolerancePercentage of StackSet operation preferences. Source: CloudFormation API, StackSetOperationPreferences. */
    minFailureTolerancePercentage: 0,
    maxFailureTolerancePercentage: 100,
  },
  cloudWatch: {
    /** Widgets per dashboard. Source: CloudWatch User Guide, "CloudWatch service quotas". */
    maxWidgetsPerDashboard: 500,
    /** Alarm rules referenced by one composite alarm. Source: "CloudWatch service quotas". */
    maxCompositeAlarmChildren: 100,
    /** Metrics per metric-math expression/alarm. Source: "CloudWatch service quotas". */
    maxMetricsPerAlarm: 10,
    /** Dimensions per metric. Source: CloudWatch User Guide, "Dimensions" (up to 30). */
    maxDimensionsPerMetric: 30,
    /** Period x EvaluationPeriods of an alarm, 7 days in seconds. Source: PutMetricAlarm API, Period. */
    maxAlarmEvaluationSeconds: 604_800,
    /** Length of a composite alarm's AlarmRule. Source: PutCompositeAlarm API, AlarmRule (10240 characters). */
    maxAlarmRuleLength: 10_240,
    /** Alarm and dashboard names: 1-255 characters. Source: PutMetricAlarm / PutDashboard API. */
    maxNameLength: 255,
    /**
     * Alarms of a monitoring account may watch metrics of its source accounts: CloudWatch
     * cross-account observability lets a monitoring account "operate on this shared telemetry as if
     * it were native" ("Monitor across accounts and Regions"), and PutMetricAlarm's MetricDataQuery
     * `AccountId` "specif[ies] which account contains the metric that the alarm is watching". The
     * link is made by an OAM sink in the monitoring account and a link in each source account, and
     * works "within a single Region" ("CloudWatch cross-account observability"); each account has
     * one sink per region. A copied gate alarm therefore watches one source account in the
     * pipeline's region (CDK renders its metrics as a MetricDataQuery list with AccountId).
     * Sources: CloudWatch User Guide, "CloudWatch cross-account observability" and "Monitor across
     * accounts and Regions"; CloudWatch API reference, PutMetricAlarm and MetricDataQuery (checked 2026-12-01).
     */
    crossAccountObservabilitySameRegionOnly: true,
  },
  codeArtifact: {
    /** Upstream repositories per repository. Source: CodeArtifact User Guide, "Quotas in AWS CodeArtifact". */
    maxUpstreamRepositories: 10,
    /** External connections per repository. Source: "Quotas in AWS CodeArtifact". */
    maxExternalConnections: 1,
    /** Domain name: 2-50 chars, lowercase letters, digits and hyphens, starts with a letter. Source: CreateDomain API. */
    domainNamePattern: /[a-z][a-z0-9-]{0,48}[a-z0-9]/,
    /** Repository name: 2-100 chars of letters, digits, '.', '_' and '-', not starting with a symbol. Source: CreateRepository API. */
    repositoryNamePattern: /[A-Za-z0-9][A-Za-z0-9._-]{1,99}/,
  },
  organizations: {
    /** Account id: 12 digits. Source: AWS Account Management reference. */
    accountIdPattern: /\d{12}/,
    /** Organization id. Source: AWS Organizations API, Organization.Id. */
    organizationIdPattern: /o-[a-z0-9]{10,32}/,
    /** Organizational unit id. Source: AWS Organizations API, OrganizationalUnit.Id. */
    organizationalUnitIdPattern: /ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/,
    /** Characters in a service control policy document. Source: Organizations User Guide, "Quotas and service limits for AWS Organizations". */
    maxScpCharacters: 5_120,
  },
  eventBridge: {
    /** Targets per rule. Source: EventBridge User Guide, "Amazon EventBridge quotas". */
    maxTargetsPerRule: 5,
  },
  logs: {
    /** Retention values CloudWatch Logs accepts, in days. Source: PutRetentionPolicy API. */
    retentionDays: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as readonly number[],
  },
  conformancePack: {
    /** ConformancePackInputParameters per pack. Source: PutConformancePack API reference. */
    maxInputParameters: 60,
    /** Pack name: a letter then letters, digits and hyphens. Source: PutConformancePack API reference. */
    namePattern: /[a-zA-Z][-a-zA-Z0-9]*/,
    /** Pack name length. Source: PutConformancePack API reference (256), PutOrganizationConformancePack (128). */
    maxNameLength: 256,
    maxOrganizationNameLength: 128,
    /** Accounts an organization pack may exclude. Source: PutOrganizationConformancePack API reference, ExcludedAccounts. */
    maxExcludedAccounts: 1000,
    /** Resource types in one rule's scope. Source: AWS Config API, Scope.ComplianceResourceTypes. */
    maxScopeResourceTypes: 100,
    /** Guard policy text of a custom policy rule. Source: AWS Config API, CustomPolicyDetails.PolicyText. */
    maxGuardPolicyLength: 10_000,
    /** Delivery bucket names must start with this prefix. Source: PutConformancePack API reference, DeliveryS3Bucket. */
    deliveryBucketPrefix: 'awsconfigconforms',
    /** Config rule name: 1-128 characters. Source: AWS Config API, ConfigRule.ConfigRuleName. */
    maxRuleNameLength: 128,
    /** Automatic remediation attempts, 1-25. Source: AWS Config API, RemediationConfiguration.MaximumAutomaticAttempts. */
    maxAutomaticAttempts: 25,
    /** Retry window of automatic remediation, 1-2,678,000 seconds. Source: AWS Config API, RemediationConfiguration.RetryAttemptSeconds. */
    maxRetryAttemptSeconds: 2_678_000,
    /** Resource types a pack template may contain. Source: PutConformancePack API reference, TemplateBody. */
    templateResourceTypes: ['AWS::Config::ConfigRule', 'AWS::Config::RemediationConfiguration'] as readonly string[],
  },
  lambda: {
    /** Alias name: 1-128 letters, digits, '-' and '_', not only digits. Source: Lambda API reference, CreateAlias Name. */
    aliasNamePattern: /(?![0-9]+$)[A-Za-z0-9_-]{1,128}/,
    /** Total size of a function's environment variables, 4 KB. Source: Lambda Developer Guide, "Lambda quotas". */
    maxEnvironmentBytes: 4_096,
    /** Function timeout, 900 seconds. Source: "Lambda quotas". */
    maxTimeoutSeconds: 900,
    /**
     * Timeout of a function that sets none: "The default value for this setting is 3 seconds".
     * Source: Lambda Developer Guide, "Configure Lambda function timeout" (checked 2026-12-01).
     */
    defaultTimeoutSeconds: 3,
  },
  appConfig: {
    // Checked 2026-12-01 against AWS's current documentation (sources per fact).
    /**
     * Flag and attribute keys: a lowercase letter, then letters, digits, `_` and `-`, up to 64.
     * Source: AppConfig User Guide, "Understanding the type reference for AWS.AppConfig.FeatureFlags".
     */
    flagKeyPattern: /[a-z][a-zA-Z\d_-]{0,63}/,
    /** A flag's display name: 1-64 characters, no line break. Source: same type reference (customerDefinedName). */
    flagNamePattern: /[^\n]{1,64}/,
    /** Description of a flag or attribute, up to 1024 characters. Source: same type reference (customerDefinedDescription). */
    maxDescriptionLength: 1024,
    /** Attributes per flag. Source: same type reference (attributeDefinitions maxProperties 25). */
    maxAttributesPerFlag: 25,
    /** A string attribute value, a string constraint pattern or enum item, up to 1024 characters. Source: same type reference. */
    maxStringValueLength: 1024,
    /** Items of a string constraint's enum. Source: same type reference (stringConstraints enum, 100). */
    maxEnumValues: 100,
    /** The only schema version of the flag format. Source: same type reference (flagSchemaVersions). */
    flagSchemaVersion: '1',
    /** Profile type of feature flags. Source: AppConfig API reference, CreateConfigurationProfile Type. */
    featureFlagsProfileType: 'AWS.AppConfig.FeatureFlags',
    /**
     * Monitors (CloudWatch alarms) per environment: at most 5. Source: AppConfig API reference,
     * CreateEnvironment Monitors ("Maximum number of 5 items").
     */
    maxMonitorsPerEnvironment: 5,
    /** Environments per application (default quota, can be raised). Source: AppConfig API reference, ServiceQuotaExceededException. */
    maxEnvironmentsPerApplication: 20,
    /** Custom deployment strategies per account (default quota; predefined ones do not count). Source: same. */
    maxDeploymentStrategiesPerAccount: 20,
    /** Environment name: 1-64 characters. Source: AppConfig API reference, CreateEnvironment Name. */
    maxEnvironmentNameLength: 64,
    /** Deployment duration and final bake time: whole minutes, 0-1440. Source: AppConfig API reference, CreateDeploymentStrategy. */
    maxDeploymentMinutes: 1440,
    /** Growth factor: 1-100 percent. Source: AppConfig API reference, CreateDeploymentStrategy GrowthFactor. */
    minGrowthFactor: 1,
    maxGrowthFactor: 100,
    // Facts the construct is built around (no number to check):
    // - One deployment per environment at a time: StartDeployment fails with ConflictException while
    //   another deployment to the environment is in progress, so deployments are chained. Source:
    //   AppConfig API reference, StartDeployment (ConflictException); aws/aws-cdk#29345.
    // - `cloudwatch:DescribeAlarms` returns composite alarms only when scoped to `*`, so a composite
    //   monitor widens the alarm role. Source: CloudWatch API reference, DescribeAlarms.
    // - Application, environment and profile names identify them in AppConfig Data calls (names or
    //   ids). Source: AppConfig Data API reference, StartConfigurationSession.
    /** Port of the AppConfig Agent (Lambda extension and container sidecar). Source: AppConfig User Guide, "Using AWS AppConfig Agent with Amazon ECS and Amazon EKS". */
    agentPort: 2772,
    /**
     * Image of the AppConfig Agent sidecar for ECS/EKS (AWS publishes the moving `2.x` tag).
     * Source: AppConfig User Guide, "Starting the AWS AppConfig agent for Amazon ECS integration".
     */
    agentImage: 'public.ecr.aws/aws-appconfig/aws-appconfig-agent:2.x',
    /**
     * Lambda extension version that added multi-variant flags (targets, variants, splits), 2024-07-23.
     * Source: AppConfig User Guide, "Understanding available versions of the AWS AppConfig Agent Lambda extension".
     */
    minMultiVariantExtensionVersion: '2.0.678',
    /**
     * CodePipeline's AppConfig deploy action: category Deploy, owner AWS, provider AppConfig,
     * version 1, one input artifact; configuration keys Application, Environment,
     * ConfigurationProfile, InputArtifactConfigurationPath (required) and DeploymentStrategy.
     * Source: CodePipeline User Guide, "AWS AppConfig deploy action reference".
     */
    pipelineAction: { category: 'Deploy', owner: 'AWS', provider: 'AppConfig', version: '1' },
  },
  ecs: {
    // Amazon ECS blue/green, canary and linear deployments (ECS deployment controller). Checked 2026-12-01
    // against the ECS Developer Guide and API reference, and the CloudFormation template reference.
    /** Canary traffic: multiples of 0.1 from 0.1 to 100 percent. Source: ECS API reference, CanaryConfiguration canaryPercent. */
    minCanaryPercent: 0.1,
    maxCanaryPercent: 100,
    /** Linear step: multiples of 0.1 from 3 to 100 percent. Source: ECS API reference, LinearConfiguration stepPercent. */
    minLinearStepPercent: 3,
    maxLinearStepPercent: 100,
    /** Percentages of canary and linear shifts are multiples of this. Source: ECS API reference, CanaryConfiguration / LinearConfiguration. */
    trafficPercentStep: 0.1,
    /** Canary bake and linear step bake: 0 to 1440 whole minutes. Source: ECS API reference, CanaryConfiguration canaryBakeTimeInMinutes, LinearConfiguration stepBakeTimeInMinutes. */
    maxStepBakeMinutes: 1440,
    /** Deployment bake time (both revisions running after the production shift): 0 to 1440 whole minutes. Source: ECS API reference, DeploymentConfiguration bakeTimeInMinutes. */
    maxBakeMinutes: 1440,
    /**
     * CloudFormation rejects an ECS canary or linear deployment whose computed time exceeds 33 hours:
     * BakeTimeInMinutes + CanaryBakeTimeInMinutes (canary); BakeTimeInMinutes + StepBakeTimeInMinutes x steps
     * (linear, steps = 100/StepPercent - 1 when it divides evenly, else floor(100/StepPercent)).
     * Source: CloudFormation template reference, AWS::ECS::Service CanaryConfiguration and LinearConfiguration.
     */
    maxCloudFormationComputedDeploymentMinutes: 33 * 60,
    /**
     * CloudFormation operations time out after 36 hours; lifecycle hooks (a pause waiting for its timeout)
     * extend a deployment beyond the computed time. Source: the same two pages ("CloudFormation operations time out after 36 hours").
     */
    cloudFormationOperationTimeoutMinutes: 36 * 60,
    /** Lifecycle hook timeout (pause hooks): 1 to 20160 minutes (14 days), default 1440, timeout action ROLLBACK (default) or CONTINUE. Source: ECS API reference, DeploymentLifecycleHookTimeoutConfiguration. */
    minHookTimeoutMinutes: 1,
    maxHookTimeoutMinutes: 20_160,
    hookTimeoutActions: ['ROLLBACK', 'CONTINUE'] as readonly string[],
    /**
     * A Lambda hook returns hookStatus SUCCEEDED, FAILED or IN_PROGRESS; on IN_PROGRESS ECS invokes it again after
     * callBackDelay seconds (default 30) and passes back the hookDetails it returned; no hookStatus, or an error, rolls
     * the deployment back. Source: ECS Developer Guide, "Lambda hooks for Amazon ECS service deployments".
     */
    lambdaHookStatuses: ['SUCCEEDED', 'FAILED', 'IN_PROGRESS'] as readonly string[],
    defaultHookCallBackDelaySeconds: 30,
    /** Lifecycle stages a hook can run at. Source: ECS API reference, DeploymentLifecycleHook lifecycleStages. */
    lifecycleStages: ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT'] as readonly string[],
    /**
     * Blue/green with an ALB fails when the listener (rules) mix forward with other action types: redirect,
     * fixed-response, authenticate-oidc, authenticate-cognito. Source: ECS Developer Guide, "Application Load Balancer
     * resources for blue/green, linear, and canary deployments" (Considerations).
     */
    blueGreenListenerActionTypes: ['forward'] as readonly string[],
    /**
     * The infrastructure role ECS uses to shift ALB traffic: trusted by ecs.amazonaws.com, with the AWS managed policy
     * AmazonECSInfrastructureRolePolicyForLoadBalancers. Source: ECS Developer Guide, "Amazon ECS infrastructure IAM role for load balancers".
     */
    infrastructureRoleManagedPolicy: 'AmazonECSInfrastructureRolePolicyForLoadBalancers',
    /**
     * EventBridge: deployment state changes (detail-type "ECS Deployment State Change", SERVICE_DEPLOYMENT_FAILED among
     * them) and pause hooks awaiting action (detail-type "ECS Hook State Change", HOOK_AWAITING_ACTION), continued with
     * ContinueServiceDeployment(serviceDeploymentArn, hookId, CONTINUE | ROLLBACK). Sources: ECS Developer Guide,
     * "Amazon ECS service deployment state change events", "Pause hooks for Amazon ECS service deployments"; ECS API
     * reference, ContinueServiceDeployment.
     */
    deploymentStateChangeDetailType: 'ECS Deployment State Change',
    hookStateChangeDetailType: 'ECS Hook State Change',
  },
  elb: {
    /** Listener rule priority: 1 to 50,000. Source: Elastic Load Balancing API reference, CreateRule Priority. */
    minRulePriority: 1,
    maxRulePriority: 50_000,
    /** Listener port: 1 to 65,535. Source: Elastic Load Balancing API reference, CreateListener Port. */
    minPort: 1,
    maxPort: 65_535,
    /**
     * Security policy of the HTTPS listeners Gantry creates: AWS recommends the hybrid post-quantum TLS 1.3 policy
     * ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 (TLS 1.3 and 1.2, classical or ML-KEM key exchange; the console's
     * default), while CloudFormation and the CDK default to ELBSecurityPolicy-2016-08. Source: Elastic Load Balancing
     * User Guide for Application Load Balancers, "Security policies for your Application Load Balancer"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html), checked 2026-12-02.
     */
    recommendedSslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  },
  fis: {
    // AWS Fault Injection Service facts, checked 2026-12-01 against:
    //  [quotas]  Service Quotas for fis (AWS General Reference, "AWS Fault Injection Service endpoints and
    //            quotas", https://docs.aws.amazon.com/general/latest/gr/fis.html); none of these is adjustable.
    //  [actions] FIS User Guide, "AWS FIS Actions reference" (fis-actions-reference.md): action ids,
    //            parameters, resource types and the IAM permissions each action needs.
    //  [targets] FIS User Guide, "Targets for AWS FIS" (targets.md) and FIS API reference,
    //            CreateExperimentTemplateTargetInput / UpdateExperimentTemplateTargetInput.
    //  [states]  FIS API reference, ExperimentState; FIS User Guide "Experiment logging" (log schema).
    //  [lambda]  FIS User Guide, "Use the AWS FIS aws:lambda:function actions" (use-lambda-actions.md).
    //  [ecs]     FIS User Guide, "Use the AWS FIS aws:ecs:task actions"; Amazon ECS Developer Guide,
    //            "Amazon ECS fault injection endpoints" (TaskDefinition enableFaultInjection).
    //  [events]  FIS User Guide, "Monitor AWS FIS experiments with EventBridge".
    /** Actions per experiment template (L-0BFE6B67). [quotas] */
    maxActionsPerTemplate: 20,
    /** Stop conditions (CloudWatch alarms) per experiment template (L-872EC72B). [quotas] */
    maxStopConditionsPerTemplate: 5,
    /** Experiment duration, 12 hours (L-6C1E4427), and action duration, 12 hours (L-A7622DAA). [quotas] */
    maxExperimentDurationHours: 12,
    maxActionDurationHours: 12,
    /**
     * Resources one action may target, per action: the Service Quotas "Target <resources> for <action id>"
     * of service code fis (default values; all adjustable, so a raised quota is passed as the
     * experiment's targetQuotas). Source, read 2026-12-01: the quota names, codes and default values
     * as the Service Quotas API lists them (ListAWSDefaultServiceQuotas, ServiceCode fis), in two
     * public listings of that API's output that agree on every value they share. The FIS User Guide's
     * "Quotas and limitations" page (https://docs.aws.amazon.com/fis/latest/userguide/fis-quotas.html)
     * and the General Reference page [quotas] could not be read past their first lines through the
     * documentation search on 2026-12-01: re-check these numbers there (or with
     * `aws service-quotas list-aws-default-service-quotas --service-code fis`) before raising them.
     * Actions without an entry (the Lambda, Kinesis, DynamoDB, ... faults) have a quota whose default
     * was not in those listings; they are not checked. The deprecated
     * aws:elasticache:interrupt-cluster-az-power (L-B0012750, 5) is left out with its action.
     */
    actionTargetQuotas: {
      'aws:ec2:asg-insufficient-instance-capacity-error': { quotaCode: 'L-97338E0D', resources: 'Auto Scaling groups', value: 5 },
      'aws:ec2:reboot-instances': { quotaCode: 'L-9C6F1F94', resources: 'Instances', value: 5 },
      'aws:ec2:send-spot-instance-interruptions': { quotaCode: 'L-F3F4B54A', resources: 'SpotInstances', value: 5 },
      'aws:ec2:stop-instances': { quotaCode: 'L-3F98B425', resources: 'Instances', value: 5 },
      'aws:ec2:terminate-instances': { quotaCode: 'L-EE64095D', resources: 'Instances', value: 5 },
      'aws:ecs:drain-container-instances': { quotaCode: 'L-B2CDA938', resources: 'Clusters', value: 5 },
      'aws:ecs:stop-task': { quotaCode: 'L-48D12416', resources: 'Tasks', value: 5 },
      'aws:ecs:task-cpu-stress': { quotaCode: 'L-C901BF0F', resources: 'Tasks', value: 5 },
      'aws:ecs:task-io-stress': { quotaCode: 'L-4939706C', resources: 'Tasks', value: 5 },
      'aws:ecs:task-kill-process': { quotaCode: 'L-0A7016E5', resources: 'Tasks', value: 5 },
      'aws:ecs:task-network-blackhole-port': { quotaCode: 'L-5035601B', resources: 'Tasks', value: 5 },
      'aws:ecs:task-network-latency': { quotaCode: 'L-B34128D0', resources: 'Tasks', value: 5 },
      'aws:ecs:task-network-packet-loss': { quotaCode: 'L-52F5389C', resources: 'Tasks', value: 5 },
      'aws:eks:pod-cpu-stress': { quotaCode: 'L-5A59540D', resources: 'Pods', value: 50 },
      'aws:eks:pod-delete': { quotaCode: 'L-08B3DB00', resources: 'Pods', value: 50 },
      'aws:eks:pod-io-stress': { quotaCode: 'L-397A8E65', resources: 'Pods', value: 50 },
      'aws:eks:pod-memory-stress': { quotaCode: 'L-B8FF73F5', resources: 'Pods', value: 50 },
      'aws:eks:pod-network-blackhole-port': { quotaCode: 'L-52F95FBE', resources: 'Pods', value: 50 },
      'aws:eks:pod-network-latency': { quotaCode: 'L-5AC5092A', resources: 'Pods', value: 50 },
      'aws:eks:pod-network-packet-loss': { quotaCode: 'L-CFF34A14', resources: 'Pods', value: 50 },
      'aws:eks:terminate-nodegroup-instances': { quotaCode: 'L-CCA14F79', resources: 'Nodegroups', value: 5 },
      'aws:network:disrupt-connectivity': { quotaCode: 'L-1F59732D', resources: 'Subnets', value: 5 },
      'aws:network:route-table-disrupt-cross-region-connectivity': { quotaCode: 'L-100E963F', resources: 'Subnets', value: 6 },
      'aws:network:transit-gateway-disrupt-cross-region-connectivity': { quotaCode: 'L-2CF2B517', resources: 'TransitGateways', value: 5 },
      'aws:rds:failover-db-cluster': { quotaCode: 'L-7D222253', resources: 'Clusters', value: 5 },
      'aws:rds:reboot-db-instances': { quotaCode: 'L-6CBFC7D2', resources: 'DBInstances', value: 5 },
      'aws:s3:bucket-pause-replication': { quotaCode: 'L-4B06CB4E', resources: 'Buckets', value: 20 },
      'aws:ssm:send-command': { quotaCode: 'L-D0A62255', resources: 'Instances', value: 5 },
    } as Readonly<Record<string, { readonly quotaCode: string; readonly resources: string; readonly value: number }>>,
    /**
     * Experiment reports (AWS::FIS::ExperimentTemplate ExperimentReportConfiguration), checked 2026-12-01
     * against the CloudFormation reference and the FIS API reference
     * (ExperimentTemplateReportConfiguration, ExperimentReportConfigurationOutputsS3Configuration,
     * ExperimentReportConfigurationCloudWatchDashboard): pre/post durations are strings of at most
     * 32 characters without spaces (ISO 8601); bucket names 3-63 characters; prefixes 1-256
     * characters without spaces; a dashboard is named by its ARN. The lower and upper bounds of the
     * durations are in the FIS User Guide ("Experiment report configurations for AWS FIS",
     * experiment-report-configuration.html), whose body could not be read on 2026-12-01: not encoded.
     */
    maxReportDurationLength: 32,
    maxReportPrefixLength: 256,
    /**
     * What the experiment role needs to write a report: s3:PutObject and s3:GetObject on the report
     * objects, cloudwatch:GetDashboard on each dashboard, and cloudwatch:GetMetricWidgetImage on "*" (it
     * renders metrics and names no resource; that policy grants it so). Source: the
     * experiment role policy of AWS's FIS workshop (aws-samples/aws-fault-injection-simulator-workshop-v2,
     * az-experiment/iam/fis-az-task-policy.json, checked 2026-12-01), since the User Guide page above
     * could not be read; an SSE-KMS bucket adds kms:GenerateDataKey (PutObject) and kms:Decrypt
     * (GetObject) on its key (Amazon S3 User Guide, "Using server-side encryption with AWS KMS keys").
     */
    reportObjectActions: ['s3:PutObject', 's3:GetObject'] as readonly string[],
    reportDashboardActions: ['cloudwatch:GetDashboard'] as readonly string[],
    reportWidgetActions: ['cloudwatch:GetMetricWidgetImage'] as readonly string[],
    /** Parallel actions per experiment (L-EB051440). [quotas] */
    maxParallelActions: 10,
    /** Durations of most actions: one minute to 12 hours, ISO 8601 (e.g. PT5M). [actions] */
    minActionDurationSeconds: 60,
    /** ARNs in one target's resourceArns ("Array Members: Maximum number of 5 items"). [targets] */
    maxResourceArnsPerTarget: 5,
    /** Tags in one target's resourceTags ("Maximum number of 50 items"). [targets] */
    maxResourceTagsPerTarget: 50,
    // A target names resources by ARNs, or by tags and filters, never ARNs with tags or filters. [targets]
    /** Percentages of FIS action parameters (invocationPercentage, percentage, lossPercent ...): 1-100. [actions] */
    minPercent: 1,
    maxPercent: 100,
    /** Lambda startupDelayMilliseconds: 0-900,000. [actions] */
    maxLambdaStartupDelayMilliseconds: 900_000,
    /** Template description length (AWS::FIS::ExperimentTemplate Description, maximum 512). CloudFormation reference. */
    maxDescriptionLength: 512,
    /** Action and target names (map keys): up to 64 non-space characters. FIS API reference, CreateExperimentTemplate. */
    namePattern: /[\S]{1,64}/,
    /** Resource types a target may name. [targets] (Resource types) */
    resourceTypes: [
      'aws:arc:zonal-shift-managed-resource', 'aws:directconnect:virtual-interface', 'aws:dsql:cluster',
      'aws:dynamodb:global-table', 'aws:ec2:autoscaling-group', 'aws:ec2:ebs-volume', 'aws:ec2:instance',
      'aws:ec2:spot-instance', 'aws:ec2:subnet', 'aws:ec2:transit-gateway', 'aws:ec2:vpc-endpoint', 'aws:ecs:cluster',
      'aws:ecs:task', 'aws:eks:cluster', 'aws:eks:nodegroup', 'aws:eks:pod', 'aws:elasticache:replicationgroup',
      'aws:iam:role', 'aws:kinesis:stream', 'aws:lambda:function', 'aws:memorydb:multi-region-cluster',
      'aws:rds:cluster', 'aws:rds:db', 'aws:s3:bucket',
    ] as readonly string[],
    /** Experiment states: the active ones and the terminal ones. [states] */
    activeStates: ['pending', 'initiating', 'running', 'stopping'] as readonly string[],
    terminalStates: ['completed', 'stopped', 'failed', 'cancelled'] as readonly string[],
    /** Current log schema version. [states] (Experiment logging) */
    logSchemaVersion: 2,
    /** State changes are published to the default bus with this source and detail-type. [events] */
    eventSource: 'aws.fis',
    eventDetailType: 'FIS Experiment State Change',
    /**
     * The FIS Lambda extension: a layer on the function, the runtime wrapper, and an S3 configuration
     * location FIS writes the fault to (the experiment role needs s3:PutObject/DeleteObject there). [lambda]
     */
    lambdaExtensionWrapperVariable: 'AWS_LAMBDA_EXEC_WRAPPER',
    lambdaExtensionWrapperPath: '/opt/aws-fis/bootstrap',
    lambdaExtensionConfigurationVariable: 'AWS_FIS_CONFIGURATION_LOCATION',
    /**
     * Public SSM parameter with the extension layer ARN of a Region (x86_64 / arm64). Both names
     * checked 2026-12-01 against the FIS User Guide, "Available versions of the AWS FIS extension for
     * Lambda" (actions-lambda-extension-arns.md, "SSM parameter names").
     */
    lambdaExtensionLayerParameter: '/aws/service/fis/lambda-extension/AWS-FIS-extension-x86_64/1.x.x',
    lambdaExtensionLayerParameterArm64: '/aws/service/fis/lambda-extension/AWS-FIS-extension-arm64/1.x.x',
    /**
     * ECS task network faults with useEcsFaultInjectionEndpoints use the agent's fault injection
     * endpoints, which only accept requests from tasks whose definition sets enableFaultInjection. [ecs]
     */
    ecsFaultInjectionProperty: 'enableFaultInjection',
    /** Pre-configured SSM document for CPU stress on instances (parameters DurationSeconds, CPU, LoadPercent, InstallDependencies). [actions] */
    cpuStressDocument: 'AWSFIS-Run-CPU-Stress',
    /**
     * SSM documents the ECS task faults run: with the ECS fault injection endpoints, or with tc on the
     * SSM agent sidecar (useEcsFaultInjectionEndpoints false). [actions]
     */
    ecsDocuments: {
      cpuStress: 'AWSFIS-Run-CPU-Stress',
      networkLatency: { endpoints: 'AWSFIS-Run-Network-Latency-ECS', sidecar: 'AWSFIS-Run-Network-Latency-Sources' },
      packetLoss: { endpoints: 'AWSFIS-Run-Network-Packet-Loss-ECS', sidecar: 'AWSFIS-Run-Network-Packet-Loss-Sources' },
    },
    /** AWS managed policies the actions reference names per action family ("AWS managed policy"); opt-in only. [actions] */
    managedPolicies: {
      ec2: 'service-role/AWSFaultInjectionSimulatorEC2Access',
      ecs: 'service-role/AWSFaultInjectionSimulatorECSAccess',
      network: 'service-role/AWSFaultInjectionSimulatorNetworkAccess',
      rds: 'service-role/AWSFaultInjectionSimulatorRDSAccess',
    },
  },
  /**
   * CodeArtifact package formats, external connections and package groups (checked 2026-12-01 against
   * the CodeArtifact User Guide and API Reference; refresh by re-reading the pages named here).
   */
  codeArtifactFormats: {
    /**
     * External connections each repository format may hold; the first is the format's default.
     * Source: API Reference, AssociateExternalConnection (externalConnection values) and User Guide,
     * "Connect a CodeArtifact repository to a public repository" (at most one per repository; the
     * intended layout is one `-store` repository per public repository, the others reading through it).
     */
    externalConnections: {
      npm: ['public:npmjs'],
      pypi: ['public:pypi'],
      maven: ['public:maven-central', 'public:maven-googleandroid', 'public:maven-gradleplugins', 'public:maven-commonsware', 'public:maven-clojars'],
      nuget: ['public:nuget-org'],
    } as Readonly<Record<string, readonly string[]>>,
    /**
     * Formats whose packages have no namespace (the package path has a blank namespace section,
     * e.g. `/pypi//requests`; package ARNs likewise `.../pypi//requests`). Source: API Reference, PackageDescription.namespace
     * (Python, NuGet, Ruby and Cargo have none) and User Guide,
     * "Package group definition syntax and matching behavior", namespaces in package group definitions.
     */
    formatsWithoutNamespace: ['pypi', 'nuget', 'ruby', 'cargo'] as readonly string[],
    /** Formats that need the namespace whenever a package name is given (Maven's is the groupId). Source: same page. */
    formatsRequiringNamespace: ['maven', 'generic', 'swift'] as readonly string[],
    /** Package formats. Source: API Reference, PackageDescription.format (valid values). */
    packageFormats: ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'] as readonly string[],
    /**
     * Package group pattern: 2-520 characters, no control characters or whitespace. Source: API
     * Reference, CreatePackageGroup (packageGroup). Grammar (User Guide, "Package group definition
     * syntax"): `/*`, `/{format}/*`, `/{format}/{namespace}~` (namespace prefix), `/{format}/{namespace}/*`,
     * `/{format}/{namespace}/{name}~` (name prefix), `/{format}/{namespace}/{name}$` (exact); a namespace
     * or name has no `#`, `/` or whitespace (API Reference, PackageDescription: `[^#/\s]+`, 1-255).
     * npm scopes are stored without the `@` (User Guide, "List package names": `@types` is namespace `types`).
     */
    minPackageGroupPatternLength: 2,
    maxPackageGroupPatternLength: 520,
    maxNamespaceOrNameLength: 255,
    /**
     * Origin restriction modes of a package group (Publish, ExternalUpstream, InternalUpstream).
     * Source: API Reference, PackageGroupOriginRestriction.mode; User Guide, "Package group origin controls".
     */
    originRestrictionModes: ['ALLOW', 'ALLOW_SPECIFIC_REPOSITORIES', 'BLOCK', 'INHERIT'] as readonly string[],
    /** Default validity of a `login` / get-authorization-token token, hours. Source: User Guide, "Configure and use twine with CodeArtifact". */
    authorizationTokenHours: 12,
    /**
     * A custom token lifetime (`--duration-seconds` of `login` and `get-authorization-token`): 900 s
     * (15 minutes) to 43,200 s (12 hours), or 0 for the caller's session. Source: API Reference,
     * GetAuthorizationToken (durationSeconds, at most 12 hours); AWS CLI reference, `codeartifact login`.
     */
    minAuthorizationTokenSeconds: 900,
    maxAuthorizationTokenSeconds: 43_200,
  },
  kms: {
    /**
     * Monthly price of one customer-managed KMS key, USD (prorated hourly; the same in every Region).
     * Each rotation's new backing key adds $1 a month for the first two rotations. Source: AWS KMS
     * pricing, "Key storage" (https://aws.amazon.com/kms/pricing/, checked 2026-12-01).
     */
    monthlyKeyCostUsd: 1,
  },
} as const;
