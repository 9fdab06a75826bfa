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
    /** Stack names: a letter, then letters, digits and hyphens, up to 128. Source: CloudFormation API reference, CreateStack StackName. */
    stackNamePattern: /[A-Za-z][A-Za-z0-9-]{0,127}/,
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
    /** A manual approval times out after 7 days. Source: "Manage approval actions in CodePipeline". */
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
    /** runOrder of an action. Source: CodePipeline API reference, ActionDeclaration (1-999). */
    minRunOrder: 1,
    maxRunOrder: 999,
    /** Stage, action, rule names: 1-100 of letters, digits and `.@-_`. Source: CodePipeline API reference, StageDeclaration/ActionDeclaration. */
    namePattern: /[A-Za-z0-9.@\-_]{1,100}/,
    /** Pipeline variable names: 1-128 of letters, digits and `@-_`; default value up to 1000, description up to 200 characters. Source: CodePipeline API reference, PipelineVariableDeclaration. */
    variableNamePattern: /[A-Za-z0-9@\-_]{1,128}/,
    maxVariableDefaultValueLength: 1000,
    maxVariableDescriptionLength: 200,
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
  },
  controlTower: {
    /** Concurrent control/baseline operations. Source: Control Tower User Guide, "Limitations and quotas". */
    maxConcurrentOperations: 10,
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
} as const;
