import { Annotations, AspectPriority, Aspects, CfnResource, Duration, Lazy, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as oam from 'aws-cdk-lib/aws-oam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import {
  admitTopicPublishers, checkCount, checkEmailAddresses, checkPattern, checkRange, fail, IAlarmSource, IMonitoring, isUnresolved, Limits,
  MonitorOptions, secureTopic, subscribeEmailAddresses,
} from '../core';
import { MONITORS, monitorFor } from './monitors';
import { AlarmRouting, alarmName, checkThresholds, countAlarms, createAlarms, hash, routeAlarm } from './private/alarms';
import { DeliveryEvents } from './private/delivery-events';
import { GoldenSignals, Monitor, MonitorContext } from './private/monitor';
import { createLink, createSink } from './private/oam';
import { ALARM_BYTES_ESTIMATE, Footprint, limitViolations, StackPlacement, templateFigures } from './private/placement';
import { crossStackTopicArn, literalAlarmName, rootStack, sameEnvironment } from './private/routing';
import { isDiscoverable, ScopeMonitoringAspect } from './private/scope-monitoring';
import { buildSlo, validateSlo } from './private/slo-alarms';
import { alarmArnByName, CountedDashboard, sectionBytesEstimate, sectionWidgetCount, sectionWidgets } from './private/widgets';
import { SloAlarms, SloProps } from './slo';
import { AlarmLevel, DashboardMonitorOptions, ObservabilityLinkOptions, ObservabilitySinkOptions, ResourcePlacement, ScopeMonitoringOptions } from './types';

/** Properties of an {@link ObservabilityDashboard}. */
export interface ObservabilityDashboardProps {
  /**
   * Name of the (first) dashboard: letters, digits, `-` and `_`. Further pages, when more than
   * `maxWidgetsPerDashboard` widgets are needed, are named `<name>-2`, `<name>-3` ...
   * @default - `<stack name>-<construct id>`
   */
  readonly dashboardName?: string;

  /**
   * Topic critical alarms notify, also those registered from other stacks of the same account
   * and Region: they name it by ARN, which needs a topic whose name is known at synth (the
   * created topic is then named `<dashboardName>-Alarms`; a given one must be imported by ARN or
   * have a literal `topicName`). A topic encrypted with a key of the app gets the statement
   * CloudWatch needs; with an imported key synth fails naming it.
   * @default - an SNS topic encrypted with the stack's shared messages key (`SharedKeys`) is created
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Topic warning alarms notify (opt-in: warnings are for working hours, not for the pager).
   * @default - warning alarms notify no one; they show on the dashboard
   */
  readonly warningTopic?: sns.ITopic;

  /**
   * E-mail addresses subscribed to the alarm topic (the created one or `alarmTopic`), through the
   * stack's one notification mechanism: an address that another construct of the stack also
   * subscribes to that topic (`notifications.emailAddresses`) is subscribed once, and notifications
   * SNS cannot deliver go to the stack's encrypted dead-letter queue. Each address must confirm the
   * subscription once (SNS e-mails a confirmation link).
   * @default - no subscription
   */
  readonly alarmEmailAddresses?: string[];

  /**
   * E-mail addresses subscribed to `warningTopic`, like `alarmEmailAddresses`. Warnings are opt-in
   * and have no default topic: giving addresses without a `warningTopic` fails synth. Each address
   * must confirm the subscription once.
   * @default - no subscription
   */
  readonly warningEmailAddresses?: string[];

  /**
   * Prefix of every alarm name (names are `<prefix>-<section>-<alarm id>-<level>`).
   * @default - the dashboard name
   */
  readonly alarmNamePrefix?: string;

  /** Period of the metrics shown and alarmed on. @default Duration.minutes(5) */
  readonly period?: Duration;

  /**
   * Where alarms and dashboard pages go: the dashboard's stack while it stays within
   * CloudFormation's limits, then nested stacks.
   * @default ResourcePlacement.AUTO
   */
  readonly placement?: ResourcePlacement;

  /**
   * Widgets per dashboard before a new page (dashboard) starts; at most 500, CloudWatch's limit.
   * @default 500
   */
  readonly maxWidgetsPerDashboard?: number;

  /**
   * Create a CloudWatch Observability Access Manager sink: this is the central monitoring account.
   * @default - no sink
   */
  readonly observabilitySink?: ObservabilitySinkOptions;

  /**
   * Link this (source) account to a central monitoring account's sink.
   * @default - no link
   */
  readonly observabilityLink?: ObservabilityLinkOptions;
}

/** Dashboard names: letters, digits, `-` and `_`, 1-255. Source: PutDashboard API. */
const DASHBOARD_NAME = /[A-Za-z0-9_-]{1,255}/;
const SECTION_SLUG_LENGTH = 100;

/**
 * CloudWatch observability for anything a stack holds: one dashboard section per monitored thing
 * (header, golden signals, deployment panels, alarm status), default alarms per service with
 * warning/critical levels and an SNS action on every alarm, anomaly detection, composite alarms
 * (nested, with custom expressions), SLOs with multi-window multi-burn-rate alarms, scope-wide
 * monitoring, and CloudFormation/CloudWatch limits handled at synth: pages of at most 500 widgets,
 * alarms and pages moved to nested stacks before a stack outgrows its limits.
 *
 * Other Gantry constructs take it as their `monitoring` prop (it implements `IMonitoring`).
 */
export class ObservabilityDashboard extends Construct implements IMonitoring {
  /** The kinds of resources `monitor()` supports, with the types it accepts. */
  public static supportedTypes(): string[] {
    return MONITORS.map((m) => `${m.kind} (${m.accepts})`);
  }

  /** Topic critical alarms notify. */
  public readonly alarmTopic: sns.ITopic;
  /** Topic warning alarms notify, when one was given. */
  public readonly warningTopic?: sns.ITopic;
  /** Key of the created alarm topic, when the topic was created here. */
  public readonly alarmTopicKey?: kms.IKey;
  /** Name of the first dashboard page. */
  public readonly dashboardName: string;
  /** The OAM sink, when asked for. */
  public readonly sink?: oam.CfnSink;
  /** The OAM link, when asked for. */
  public readonly link?: oam.CfnLink;

  private readonly pages: CountedDashboard[] = [];
  private readonly placement: StackPlacement;
  private readonly period: Duration;
  private readonly prefix: string;
  private readonly maxWidgets: number;
  private readonly routing: AlarmRouting;
  private readonly titles = new Set<string>();
  private readonly slugs = new Set<string>();
  private readonly monitored = new Map<IConstruct, Registration>();
  private readonly names = new Map<cloudwatch.IAlarm, string>();
  /** Alarms this dashboard created (default alarms, SLOs, composites). */
  private readonly created: cloudwatch.IAlarm[] = [];
  /** Alarms registered with it: `addAlarms` sections and the resources' own alarms. */
  private readonly registrations: Registration[] = [];
  private readonly routed = new Set<cloudwatch.IAlarm>();
  private createdTopic?: sns.Topic;
  private topicNamed = false;
  private hostAlarmScope?: Construct;
  private delivery?: DeliveryEvents;

  constructor(scope: Construct, id: string, props: ObservabilityDashboardProps = {}) {
    super(scope, id);
    this.dashboardName = props.dashboardName ?? `${Stack.of(this).stackName}-${id}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 240);
    this.prefix = props.alarmNamePrefix ?? this.dashboardName;
    this.period = props.period ?? Duration.minutes(5);
    this.maxWidgets = props.maxWidgetsPerDashboard ?? Limits.cloudWatch.maxWidgetsPerDashboard;
    this.validate(props);

    if (props.alarmTopic) {
      this.alarmTopic = props.alarmTopic;
    } else {
      const created = secureTopic(this, 'AlarmTopic', { topicProps: { displayName: `Alarms of ${this.dashboardName}`.slice(0, 100) } });
      this.alarmTopic = created.topic;
      this.alarmTopicKey = created.key;
      this.createdTopic = created.topic;
      // Named only once an alarm of another stack must name it by ARN: naming replaces the topic.
      const cfnTopic = created.topic.node.defaultChild as sns.CfnTopic;
      cfnTopic.topicName = Lazy.string({ produce: () => (this.topicNamed ? this.createdTopicName() : undefined) });
    }
    this.warningTopic = props.warningTopic;
    // CloudWatch alarms of this account (in this stack or another) must be let publish: the topic
    // policy (which replaces SNS's default one) and
    // a given topic's key; synth fails for a topic in another account or Region, or with an imported key.
    admitTopicPublishers(this, 'alarmTopic', this.alarmTopic, ['cloudwatch.amazonaws.com']);
    if (this.warningTopic && this.warningTopic !== this.alarmTopic) admitTopicPublishers(this, 'warningTopic', this.warningTopic, ['cloudwatch.amazonaws.com']);
    subscribeEmailAddresses(this, this.alarmTopic, props.alarmEmailAddresses);
    if (this.warningTopic) subscribeEmailAddresses(this, this.warningTopic, props.warningEmailAddresses);
    this.routing = { critical: this.alarmTopic, warning: this.warningTopic };
    this.placement = new StackPlacement(this, this, props.placement ?? ResourcePlacement.AUTO);
    if (props.observabilitySink) this.sink = createSink(this, props.observabilitySink);
    if (props.observabilityLink) this.link = createLink(this, props.observabilityLink);
    this.node.addValidation({ validate: () => this.checkLimits() });
    // Alarms given through an alarm source are read, and routed, once the app is complete: on the
    // first node synth visits, before any read-only aspect (cdk-nag) looks at an alarm's actions.
    const root = Stage.of(this) ?? this.node.root;
    Aspects.of(root).add({ visit: (node) => { if (node === root) this.routeRegistered(); } }, { priority: AspectPriority.MUTATING });
  }

  /** Every alarm created or registered (read at synth for alarm sources), including those from scope-wide monitoring and SLOs. */
  public get alarms(): cloudwatch.IAlarm[] {
    return unique([...this.created, ...this.registrations.flatMap((r) => alarmsOf(r))]);
  }

  /** The dashboards (pages), in order; a new one starts when a page would pass `maxWidgetsPerDashboard`. */
  public get dashboards(): cloudwatch.Dashboard[] {
    return [...this.pages];
  }

  /** Nested stacks holding alarms and pages that did not fit the dashboard's stack. */
  public get nestedStacks(): NestedStack[] {
    return [...this.placement.nestedStacks];
  }

  /**
   * Monitor a resource: one section with its widgets and alarms. The monitor is picked by the
   * resource's type (see `supportedTypes()`); the alarms given (`alarms`, `alarmSource`) are drawn
   * in the section and routed to the alarm topic, and replace the monitor's default alarms unless
   * `defaultAlarms` is true. Monitoring the same resource again does nothing. The section title
   * defaults to the resource's path in its stack (the full construct path for resources of other
   * stacks).
   */
  public monitor(resource: IConstruct, options: MonitorOptions = {}): void {
    this.monitorWith(resource, options);
  }

  /**
   * Monitor a resource with the dashboard's own options as well (threshold overrides,
   * cross-account, log patterns). Returns the alarms of its section known now (default alarms
   * and the alarms given).
   */
  public monitorWith(resource: IConstruct, options: DashboardMonitorOptions = {}): cloudwatch.IAlarm[] {
    const existing = this.monitored.get(resource);
    if (existing) return [...existing.created, ...alarmsOf(existing)];
    const monitor = monitorFor(resource);
    if (!monitor) {
      fail(this, 'resource', `${resource.node.path} (${resource.constructor?.name ?? typeof resource})`,
        `a resource of a supported type: ${ObservabilityDashboard.supportedTypes().join('; ')}`);
    }
    const title = options.title ?? this.defaultTitle(resource);
    const slug = this.claimTitle(title);
    checkCount(this, 'logPatterns', options.logPatterns, 1, 100);
    (options.logPatterns ?? []).forEach((p, i) => {
      checkPattern(this, `logPatterns[${i}].name`, p.name, /[A-Za-z0-9_-]{1,64}/, '1-64 letters, digits, "-" and "_"');
      checkRange(this, `logPatterns[${i}].alarmThreshold`, p.alarmThreshold, -Number.MAX_VALUE, Number.MAX_VALUE);
    });
    const registration: Registration = { created: [], given: [...(options.alarms ?? [])], source: options.alarmSource };
    this.register(registration);
    this.monitored.set(resource, registration);
    this.buildSection(monitor, resource, title, slug, options, registration);
    return [...registration.created, ...alarmsOf(registration)];
  }

  /**
   * Monitor every supported resource under a scope: the ones there now, and (through an aspect)
   * the ones added later. Their alarms are in `alarms` like any other. Resources already
   * monitored keep their section; imported resources and Lambda versions are left out.
   */
  public monitorScope(scope: IConstruct, options: ScopeMonitoringOptions = {}): void {
    const kinds = MONITORS.map((m) => m.kind);
    (options.kinds ?? []).forEach((k, i) => { if (!kinds.includes(k)) fail(this, `kinds[${i}]`, k, `one of ${kinds.join(', ')}`); });
    const visit = (node: IConstruct) => {
      if (this.monitored.has(node) || this.isOwn(node) || !isDiscoverable(node, options.kinds)) return;
      this.monitor(node);
    };
    scope.node.findAll().forEach(visit);
    Aspects.of(scope).add(new ScopeMonitoringAspect(visit));
  }

  /**
   * Show alarms that belong to no monitored resource (register a resource's own alarms with
   * `monitor(resource, { alarms })`) in a section of their own, and route them to the alarm
   * topic. Alarms of another stack in this account and Region name the topic by ARN (no
   * cross-stack reference); alarms of another account or Region fail synth.
   */
  public addAlarms(title: string, alarms: cloudwatch.IAlarm[]): void {
    this.claimTitle(title);
    const registration: Registration = { created: [], given: [...alarms] };
    this.register(registration);
    this.addSectionWidgets(title, 'Alarms', {}, [], alarms.length > 0 ? () => alarmsOf(registration) : undefined, alarms.length);
  }

  /**
   * An SLO with multi-window multi-burn-rate alarms (metric math), a composite per window pair
   * and one composite over them, plus an error-budget panel.
   */
  public addSlo(props: SloProps): SloAlarms {
    validateSlo(this, props);
    const slug = this.claimTitle(props.name);
    const windows = props.burnRateWindows?.length ?? 2;
    const scope = this.sectionScope(slug, windows * 3 + 1);
    const slo = buildSlo(scope, props, this.prefix, slug, this.routing);
    const all: cloudwatch.AlarmBase[] = [...slo.windowAlarms, ...slo.pairAlarms, slo.alarm];
    this.remember(all);
    const sectionAlarms = [slo.alarm, ...slo.pairAlarms];
    this.addSectionWidgets(props.name, `${props.objective.kind} SLO: ${props.targetPercent}%`, {}, slo.widgets, () => sectionAlarms, sectionAlarms.length);
    return slo;
  }

  /**
   * A composite alarm over other alarms (which may be composites themselves) with a rule built
   * from `AlarmRule.allOf/anyOf/not/fromAlarm` or a custom expression (`AlarmRule.fromString`).
   */
  public addCompositeAlarm(id: string, options: CompositeAlarmOptions): cloudwatch.CompositeAlarm {
    checkPattern(this, 'id', id, /[A-Za-z][A-Za-z0-9]{0,63}/, '1-64 letters and digits, starting with a letter');
    // Alarm ARNs in the rule are still tokens here, so the length is a lower bound; the count is exact.
    const rule = options.rule.renderAlarmRule();
    if (rule.length > Limits.cloudWatch.maxAlarmRuleLength) fail(this, 'rule', rule, `at most ${Limits.cloudWatch.maxAlarmRuleLength} characters`);
    const children = (rule.match(/\b(ALARM|OK|INSUFFICIENT_DATA)\(/g) ?? []).length;
    if (children > Limits.cloudWatch.maxCompositeAlarmChildren) fail(this, 'rule', `${children} alarm references`, `at most ${Limits.cloudWatch.maxCompositeAlarmChildren}`);
    const title = options.title ?? id;
    const slug = this.claimTitle(title);
    const level = options.level ?? AlarmLevel.CRITICAL;
    const scope = this.sectionScope(slug, 1);
    const alarm = new cloudwatch.CompositeAlarm(scope, id, {
      compositeAlarmName: alarmName(this.prefix, slug, id, level),
      alarmDescription: options.description,
      alarmRule: options.rule,
    });
    routeAlarm(alarm, level, this.routing);
    this.remember([alarm]);
    this.addSectionWidgets(title, 'Composite alarm', {}, [], () => [alarm], 1);
    return alarm;
  }

  /** Alarms of a monitored resource: its default alarms and the alarms given (empty when it is not monitored). */
  public alarmsFor(resource: IConstruct): cloudwatch.IAlarm[] {
    const registration = this.monitored.get(resource);
    return registration ? [...registration.created, ...alarmsOf(registration)] : [];
  }

  private buildSection(
    monitor: Monitor, resource: IConstruct, title: string, slug: string, options: DashboardMonitorOptions, registration: Registration,
  ): void {
    let scope: Construct | undefined;
    let reserve = 4;
    const parameters = this.parentReferences(resource);
    const self = this;
    const ctx: MonitorContext = {
      get scope() { return scope ??= self.sectionScope(slug, reserve, parameters); },
      title,
      slug,
      period: this.period,
      options,
      delivery: () => this.delivery ??= new DeliveryEvents(this, 'DeliveryEvents'),
    };
    const metrics = monitor.metrics(resource, ctx);
    const specs = monitor.alarms(metrics, resource, ctx);
    checkThresholds(this, specs, options.thresholds, this.period.toSeconds());
    // One set of thresholds per resource: the alarms given replace the defaults.
    const defaults = options.defaultAlarms ?? (options.alarms === undefined && options.alarmSource === undefined);
    if (defaults && !this.isForeign(options, title)) {
      reserve = countAlarms(specs, options.thresholds);
      if (reserve > 0) {
        const alarms = createAlarms({ scope: ctx.scope, prefix: this.prefix, slug, routing: this.routing }, specs, options.thresholds);
        this.remember(alarms);
        registration.created.push(...alarms);
      }
    }
    const extra = monitor.widgets?.(metrics, resource, ctx) ?? [];
    const knownCount = registration.created.length + registration.given.length + (registration.source ? 1 : 0);
    const alarms = knownCount > 0 ? () => [...registration.created, ...alarmsOf(registration)] : undefined;
    this.addSectionWidgets(title, monitor.kind, monitor.signals(metrics, resource, ctx), extra, alarms, knownCount, parameters);
  }

  /** Lays a section out on the current page, or on a new one when it would not fit. */
  private addSectionWidgets(
    title: string, kind: string, signals: GoldenSignals, extra: cloudwatch.IWidget[],
    alarms: (() => cloudwatch.IAlarm[]) | undefined, alarmCount: number, parameters = 0,
  ): void {
    const count = sectionWidgetCount(signals, extra, alarms ? Math.max(alarmCount, 1) : 0);
    if (count > this.maxWidgets) fail(this, `section '${title}'`, `${count} widgets`, `at most maxWidgetsPerDashboard (${this.maxWidgets}) widgets in one section`);
    const footprint = { resources: 0, bytes: sectionBytesEstimate(signals, extra, alarmCount), parameters };
    this.placeWidgets(count, footprint, (page) => {
      const region = Stack.of(page).region;
      return sectionWidgets(title, kind, signals, extra, alarms && (() => this.alarmArns(page, alarms())), isUnresolved(region) ? undefined : region);
    });
  }

  /**
   * Adds `count` widgets to the last page while it has room for them and its stack room for
   * their bytes; else to a new page, placed where it fits. Deterministic: pages fill in order.
   */
  private placeWidgets(count: number, footprint: Footprint, build: (page: cloudwatch.Dashboard) => cloudwatch.IWidget[]): void {
    let page = this.pages[this.pages.length - 1];
    if (!page || page.widgetCount + count > this.maxWidgets || !this.placement.tryTake(page.node.scope!, footprint)) {
      const n = this.pages.length + 1;
      const scope = this.placement.scopeFor({ ...footprint, resources: footprint.resources + 1 });
      page = new CountedDashboard(scope, n === 1 ? 'Dashboard' : `Dashboard${n}`, {
        dashboardName: n === 1 ? this.dashboardName : `${this.dashboardName}-${n}`,
      });
      this.pages.push(page);
    }
    page.addWidgets(...build(page));
  }

  /**
   * ARNs for an alarm-status widget: by name for this dashboard's alarms and for alarms of other
   * stacks whose names are known at synth (no cross-stack reference), else the alarm's ARN.
   */
  private alarmArns(page: cloudwatch.Dashboard, alarms: cloudwatch.IAlarm[]): string[] {
    return alarms.map((a) => {
      const own = this.names.get(a);
      if (own) return alarmArnByName(page, own);
      const name = rootStack(a) !== rootStack(page) && sameEnvironment(a, page) ? literalAlarmName(a) : undefined;
      return name ? alarmArnByName(page, name) : a.alarmArn;
    });
  }

  /** Takes a registration: its alarms known now are routed at once, an alarm source's at synth. */
  private register(registration: Registration): void {
    this.registrations.push(registration);
    registration.given.forEach((a) => this.route(a));
  }

  private routeRegistered(): void {
    for (const registration of this.registrations) alarmsOf(registration).forEach((a) => this.route(a));
  }

  /**
   * Gives a registered alarm the alarm topic as its action, once. Alarms of this root stack get
   * the topic by reference; alarms of other stacks name it by ARN, formed in their own stack.
   */
  private route(alarm: cloudwatch.IAlarm): void {
    if (this.routed.has(alarm) || !(alarm instanceof cloudwatch.AlarmBase)) return;
    this.routed.add(alarm);
    if (rootStack(alarm) === rootStack(this)) {
      routeAlarm(alarm, AlarmLevel.CRITICAL, this.routing);
      return;
    }
    const topicArn = crossStackTopicArn(this, alarm, this.alarmTopic, this.createdTopic ? () => {
      this.topicNamed = true;
      return this.createdTopicName();
    } : undefined);
    alarm.addAlarmAction({ bind: () => ({ alarmActionArn: topicArn }) });
  }

  /** Name of the created alarm topic when other stacks need it: `<dashboardName>-Alarms` (SNS: up to 256 letters, digits, `-`, `_`). */
  private createdTopicName(): string {
    if (isUnresolved(this.dashboardName)) {
      fail(this, 'dashboardName', this.dashboardName, 'a name known at synth when alarms of other stacks are registered: they name the alarm topic (`<dashboardName>-Alarms`) by ARN; or give an `alarmTopic` imported by ARN');
    }
    return `${this.dashboardName.slice(0, 256 - '-Alarms'.length)}-Alarms`;
  }

  /** The construct a section's alarms go in (host stack or a nested stack), reserving room for them. */
  private sectionScope(slug: string, alarmCount: number, parameters = 0): Construct {
    let parent = this.placement.scopeFor({ resources: alarmCount, bytes: alarmCount * ALARM_BYTES_ESTIMATE, parameters });
    if (parent === this) parent = this.hostAlarmScope ??= new Construct(this, 'Alarms');
    return new Construct(parent, slug);
  }

  private remember(alarms: cloudwatch.AlarmBase[]): void {
    for (const alarm of alarms) {
      const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm | cloudwatch.CfnCompositeAlarm;
      if (cfn?.alarmName) this.names.set(alarm, cfn.alarmName);
      this.created.push(alarm);
    }
  }

  /** Reserves a unique section title and returns its name-safe form. */
  private claimTitle(title: string): string {
    if (!title || isUnresolved(title)) fail(this, 'title', title, 'a non-empty literal string');
    if (this.titles.has(title)) fail(this, 'title', title, 'a section title not used before on this dashboard (duplicate section name)');
    let slug = title.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'Section';
    if (slug.length > SECTION_SLUG_LENGTH) slug = `${slug.slice(0, SECTION_SLUG_LENGTH - 9)}-${hash(title)}`;
    if (this.slugs.has(slug)) fail(this, 'title', title, `a title whose name-safe form ('${slug}') differs from the other sections'`);
    this.titles.add(title);
    this.slugs.add(slug);
    return slug;
  }

  /** Alarms evaluate metrics of their own account and region: foreign sections get widgets only. */
  private isForeign(options: DashboardMonitorOptions, title: string): boolean {
    const stack = Stack.of(this);
    const differs = (a: string | undefined, b: string) => a !== undefined && !isUnresolved(a) && !isUnresolved(b) && a !== b;
    if (differs(options.account, stack.account) || differs(options.region, stack.region)) {
      Annotations.of(this).addInfo(`'${title}' is in another account or region: widgets only, no alarms (alarm in that account, or through an OAM monitoring account).`);
      return true;
    }
    return false;
  }

  /**
   * The resource's path within its stack when it is in this dashboard's stack and that title is
   * free (shorter names and ARNs), else its full path.
   */
  private defaultTitle(resource: IConstruct): string {
    const stack = Stack.of(resource);
    const relative = resource.node.path.slice(stack.node.path.length + 1);
    return stack === Stack.of(this) && relative && !this.titles.has(relative) ? relative : resource.node.path;
  }

  /**
   * Parameters a nested stack needs to read a resource of this stack (its name, ARN or URL):
   * resources created in this app's same root stack are referenced by token, imports by literal.
   */
  private parentReferences(resource: IConstruct): number {
    const cfn = resource.node.defaultChild;
    return cfn && CfnResource.isCfnResource(cfn) && rootStack(resource) === rootStack(this) ? 2 : 0;
  }

  private isOwn(node: IConstruct): boolean {
    return node.node.path === this.node.path || node.node.path.startsWith(`${this.node.path}/`);
  }

  private validate(props: ObservabilityDashboardProps): void {
    checkPattern(this, 'dashboardName', props.dashboardName, DASHBOARD_NAME, '1-255 letters, digits, "-" and "_"');
    checkPattern(this, 'alarmNamePrefix', props.alarmNamePrefix, /[^\s]{1,100}/, '1-100 characters without spaces');
    checkRange(this, 'maxWidgetsPerDashboard', props.maxWidgetsPerDashboard, 1, Limits.cloudWatch.maxWidgetsPerDashboard, { integer: true });
    checkEmailAddresses(this, 'alarmEmailAddresses', props.alarmEmailAddresses);
    checkEmailAddresses(this, 'warningEmailAddresses', props.warningEmailAddresses);
    if (!props.warningTopic && props.warningEmailAddresses && props.warningEmailAddresses.length > 0) {
      fail(this, 'warningEmailAddresses', props.warningEmailAddresses, 'addresses only with a warningTopic (warnings are opt-in and have no default topic): give a warningTopic, or give these addresses as alarmEmailAddresses');
    }
    const period = props.period?.toSeconds();
    if (period !== undefined && !isUnresolved(period) && ![10, 20, 30].includes(period) && (period < 60 || period % 60 !== 0 || period > 86400)) {
      fail(this, 'period', props.period!.toHumanString(), '10, 20 or 30 seconds, or a whole number of minutes up to 1 day');
    }
  }

  /** Synth-time check of the limits this construct promises to keep. */
  private checkLimits(): string[] {
    const errors: string[] = [];
    this.pages.forEach((page, i) => {
      if (page.widgetCount > Limits.cloudWatch.maxWidgetsPerDashboard) {
        errors.push(`dashboard page ${i + 1} has ${page.widgetCount} widgets (CloudWatch allows ${Limits.cloudWatch.maxWidgetsPerDashboard})`);
      }
    });
    for (const stack of this.placement.stacks()) {
      for (const violation of limitViolations(templateFigures(stack))) {
        errors.push(`${violation}: use placement ResourcePlacement.NESTED_STACKS for the dashboard, or move other resources out of the stack`);
      }
    }
    return errors;
  }
}

/** Alarms registered in one call: those given, and an alarm source's (read when called). */
interface Registration {
  /** Default alarms the dashboard created for the resource. */
  readonly created: cloudwatch.IAlarm[];
  readonly given: cloudwatch.IAlarm[];
  readonly source?: IAlarmSource;
}

function alarmsOf(registration: Registration): cloudwatch.IAlarm[] {
  return unique([...registration.given, ...(registration.source?.alarms ?? [])]);
}

function unique<T>(items: T[]): T[] {
  return Array.from(new Set(items));
}

/** A composite alarm on the dashboard. */
export interface CompositeAlarmOptions {
  /**
   * The rule: `AlarmRule.allOf/anyOf/not/fromAlarm` over any alarms (composites included, for
   * nesting) or a custom expression with `AlarmRule.fromString`.
   */
  readonly rule: cloudwatch.IAlarmRule;
  /** Description. @default - none */
  readonly description?: string;
  /** Level, which decides the topic notified. @default AlarmLevel.CRITICAL */
  readonly level?: AlarmLevel;
  /** Section title. @default - the id */
  readonly title?: string;
}

