import { Annotations, Aspects, CfnResource, Duration, NestedStack, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as oam from 'aws-cdk-lib/aws-oam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { checkCount, checkPattern, checkRange, fail, IMonitoring, isUnresolved, Limits, secureTopic } from '../core';
import { AlarmRouting, alarmName, checkThresholds, countAlarms, createAlarms, hash, routeAlarm } from './alarms';
import { DeliveryEvents } from './delivery-events';
import { GoldenSignals, Monitor, MonitorContext } from './monitor';
import { MONITORS, monitorFor } from './monitors';
import { createLink, createSink } from './oam';
import { ALARM_BYTES_ESTIMATE, Footprint, limitViolations, StackPlacement, templateFigures } from './placement';
import { isDiscoverable, ScopeMonitoringAspect } from './scope-monitoring';
import { SloAlarms, SloProps } from './slo';
import { buildSlo, validateSlo } from './slo-alarms';
import { AlarmLevel, MonitorOptions, ObservabilityLinkOptions, ObservabilitySinkOptions, ResourcePlacement, ScopeMonitoringOptions } from './types';
import { AlarmArnStatusWidget, alarmArnByName, alarmStatusBytesEstimate, CountedDashboard, sectionBytesEstimate, sectionWidgetCount, sectionWidgets } from './widgets';

/** Properties of an {@link ObservabilityDashboard}. */
export interface ObservabilityDashboardProps {
  /**
   * Name of the (first) dashboard: letters, digits, `-` and `_`. Further pages, when more than
   * `maxWidgetsPerDashboard` widgets are needed, are named `<name>-2`, `<name>-3` ...
   * @default - `<stack name>-<construct id>`
   */
  readonly dashboardName?: string;

  /**
   * Topic critical alarms notify.
   * @default - an SNS topic encrypted with a rotating customer-managed key is created
   */
  readonly alarmTopic?: sns.ITopic;

  /** Topic warning alarms notify. @default - the alarm topic */
  readonly warningTopic?: sns.ITopic;

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
  /** Topic warning alarms notify. */
  public readonly warningTopic: sns.ITopic;
  /** Key of the created alarm topic, when the topic was created here. */
  public readonly alarmTopicKey?: kms.IKey;
  /** Name of the first dashboard page. */
  public readonly dashboardName: string;
  /** Every alarm created or registered, including those from scope-wide monitoring and SLOs. */
  public readonly alarms: cloudwatch.IAlarm[] = [];
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
  private readonly monitored = new Map<IConstruct, cloudwatch.IAlarm[]>();
  private readonly names = new Map<cloudwatch.IAlarm, string>();
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
    }
    this.warningTopic = props.warningTopic ?? this.alarmTopic;
    this.routing = { critical: this.alarmTopic, warning: this.warningTopic };
    this.placement = new StackPlacement(this, this, props.placement ?? ResourcePlacement.AUTO);
    if (props.observabilitySink) this.sink = createSink(this, props.observabilitySink);
    if (props.observabilityLink) this.link = createLink(this, props.observabilityLink);
    this.node.addValidation({ validate: () => this.checkLimits() });
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
   * Monitor a resource with its default widgets and alarms; the monitor is picked by the
   * resource's type (see `supportedTypes()`). Monitoring the same resource again does nothing.
   * The section title defaults to the resource's path in its stack (the full construct path for
   * resources of other stacks).
   */
  public monitor(resource: IConstruct, title?: string): void {
    this.monitorWith(resource, { title });
  }

  /** Monitor a resource with options (title, alarm overrides, cross-account, log patterns). Returns its alarms. */
  public monitorWith(resource: IConstruct, options: MonitorOptions = {}): cloudwatch.IAlarm[] {
    const existing = this.monitored.get(resource);
    if (existing) return existing;
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
    const alarms = this.buildSection(monitor, resource, title, slug, options);
    this.monitored.set(resource, alarms);
    return alarms;
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
   * Show alarms another construct created and route them like this dashboard's own (critical
   * topic). With the title of an existing section (say, the monitored alias the alarms guard)
   * they join that section as one more alarm-status widget; else they get a section of their own.
   */
  public addAlarms(title: string, alarms: cloudwatch.IAlarm[]): void {
    const joinsSection = this.titles.has(title);
    if (!joinsSection) this.claimTitle(title);
    for (const alarm of alarms) {
      // Only alarms of this stack (or its nested stacks) get the topic: an action on another
      // stack's alarm would make that stack depend on this one, which already reads its ARN.
      if (alarm instanceof cloudwatch.AlarmBase && rootStack(alarm) === rootStack(this)) {
        routeAlarm(alarm, AlarmLevel.CRITICAL, this.routing);
      }
      this.alarms.push(alarm);
    }
    if (joinsSection) {
      if (alarms.length === 0) return;
      const footprint = { resources: 0, bytes: alarmStatusBytesEstimate(alarms.length), parameters: alarms.length };
      this.placeWidgets(1, footprint, (page) => [new AlarmArnStatusWidget(`${title}: alarms`, this.alarmArns(page, alarms))]);
    } else {
      this.addSectionWidgets(title, 'Alarms', {}, [], alarms, alarms.length);
    }
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
    this.addSectionWidgets(props.name, `${props.objective.kind} SLO: ${props.targetPercent}%`, {}, slo.widgets, [slo.alarm, ...slo.pairAlarms]);
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
    this.addSectionWidgets(title, 'Composite alarm', {}, [], [alarm]);
    return alarm;
  }

  /** Alarms created for a monitored resource (empty when it is not monitored). */
  public alarmsFor(resource: IConstruct): cloudwatch.IAlarm[] {
    return [...(this.monitored.get(resource) ?? [])];
  }

  private buildSection(monitor: Monitor, resource: IConstruct, title: string, slug: string, options: MonitorOptions): cloudwatch.IAlarm[] {
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
    checkThresholds(this, specs, options.alarms, this.period.toSeconds());
    let alarms: cloudwatch.AlarmBase[] = [];
    if (!options.widgetsOnly && !this.isForeign(options, title)) {
      reserve = countAlarms(specs, options.alarms);
      if (reserve > 0) {
        alarms = createAlarms({ scope: ctx.scope, prefix: this.prefix, slug, routing: this.routing }, specs, options.alarms);
        this.remember(alarms);
      }
    }
    const extra = monitor.widgets?.(metrics, resource, ctx) ?? [];
    this.addSectionWidgets(title, monitor.kind, monitor.signals(metrics, resource, ctx), extra, alarms, parameters);
    return alarms;
  }

  /** Lays a section out on the current page, or on a new one when it would not fit. */
  private addSectionWidgets(
    title: string, kind: string, signals: GoldenSignals, extra: cloudwatch.IWidget[], alarms: cloudwatch.IAlarm[], parameters = 0,
  ): void {
    const count = sectionWidgetCount(signals, extra, alarms.length);
    if (count > this.maxWidgets) fail(this, `section '${title}'`, `${count} widgets`, `at most maxWidgetsPerDashboard (${this.maxWidgets}) widgets in one section`);
    const footprint = { resources: 0, bytes: sectionBytesEstimate(signals, extra, alarms.length), parameters };
    this.placeWidgets(count, footprint, (page) => {
      const region = Stack.of(page).region;
      return sectionWidgets(title, kind, signals, extra, this.alarmArns(page, alarms), isUnresolved(region) ? undefined : region);
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

  /** ARNs for an alarm-status widget: by name for this dashboard's alarms (no cross-stack reference). */
  private alarmArns(page: cloudwatch.Dashboard, alarms: cloudwatch.IAlarm[]): string[] {
    return alarms.map((a) => {
      const name = this.names.get(a);
      return name ? alarmArnByName(page, name) : a.alarmArn;
    });
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
      this.alarms.push(alarm);
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
  private isForeign(options: MonitorOptions, title: string): boolean {
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

function rootStack(scope: IConstruct): Stack {
  let stack = Stack.of(scope);
  while (stack.nestedStackParent) stack = stack.nestedStackParent;
  return stack;
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

