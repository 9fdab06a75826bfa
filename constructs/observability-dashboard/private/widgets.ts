import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { GoldenSignals } from './monitor';

const FULL_WIDTH = 24;
const GRAPH_HEIGHT = 6;

/** A dashboard that counts its widgets (leaf widgets, as CloudWatch counts them). */
export class CountedDashboard extends cloudwatch.Dashboard {
  public widgetCount = 0;
  public addWidgets(...widgets: cloudwatch.IWidget[]): void {
    this.widgetCount += widgets.reduce((n, w) => n + leafCount(w), 0);
    super.addWidgets(...widgets);
  }
}

/** Number of CloudWatch widgets a (possibly composite) widget renders to. */
export function leafCount(widget: cloudwatch.IWidget): number {
  if (widget instanceof cloudwatch.Row || widget instanceof cloudwatch.Column) {
    return widget.widgets.reduce((n, w) => n + leafCount(w), 0);
  }
  return 1;
}

/**
 * Alarm status by alarm ARN. The ARNs are built from the alarm names (a public contract) where
 * they are known, so a page can show alarms that live in another (nested) stack without a
 * cross-stack reference (each would cost an output and a parameter). They are read when the
 * dashboard renders (at synth), so alarms a construct adds after registering still show; the
 * widget is left out while there are none.
 */
export class AlarmArnStatusWidget implements cloudwatch.IWidget {
  public readonly width = FULL_WIDTH;
  public readonly warnings: string[] = [];
  public readonly warningsV2: { [id: string]: string } = {};
  private x?: number;
  private y?: number;

  constructor(private readonly title: string, private readonly alarmArns: () => string[]) {}

  public get height(): number {
    const count = this.alarmArns().length;
    return count === 0 ? 0 : Math.min(2 + Math.ceil(count / 4), 8);
  }

  public position(x: number, y: number): void {
    this.x = x;
    this.y = y;
  }

  public toJson(): any[] {
    const alarms = this.alarmArns();
    if (alarms.length === 0) return [];
    return [{
      type: 'alarm',
      width: this.width,
      height: this.height,
      x: this.x,
      y: this.y,
      properties: { title: this.title, alarms },
    }];
  }
}

/** ARN of an alarm by name, in the account and region of `scope`'s stack (literal partition when the region is known). */
export function alarmArnByName(scope: Construct, alarmName: string): string {
  const stack = Stack.of(scope);
  const partition = Token.isUnresolved(stack.region) ? stack.partition : (RegionInfo.get(stack.region).partition ?? stack.partition);
  return stack.formatArn({ partition, service: 'cloudwatch', resource: 'alarm', resourceName: alarmName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}

const SIGNALS: Array<keyof GoldenSignals> = ['traffic', 'errors', 'latency', 'saturation'];
const SIGNAL_TITLES: Record<keyof GoldenSignals, string> = { traffic: 'Traffic', errors: 'Errors', latency: 'Latency', saturation: 'Saturation' };

/** How many widgets `sectionWidgets` makes, without making them. */
export function sectionWidgetCount(signals: GoldenSignals, extra: cloudwatch.IWidget[], alarmCount: number): number {
  return 1 + SIGNALS.filter((k) => (signals[k]?.length ?? 0) > 0).length + extra.reduce((n, w) => n + leafCount(w), 0) + (alarmCount > 0 ? 1 : 0);
}

/**
 * Upper bound of a section's bytes in a dashboard body as written to the template (quotes
 * escaped): per widget, per metric and per alarm ARN, measured on synthesized templates.
 */
export function sectionBytesEstimate(signals: GoldenSignals, extra: cloudwatch.IWidget[], alarmCount: number): number {
  const metrics = SIGNALS.reduce((n, k) => n + (signals[k]?.length ?? 0), 0);
  const graphs = SIGNALS.filter((k) => (signals[k]?.length ?? 0) > 0).length;
  return 250 + graphs * 250 + metrics * 130 + extra.length * 700 + alarmStatusBytesEstimate(alarmCount);
}

/** Upper bound of an alarm-status widget's bytes. */
export function alarmStatusBytesEstimate(alarmCount: number): number {
  return alarmCount > 0 ? 150 + alarmCount * 110 : 0;
}

/** The widgets of one section: header, one graph per golden signal, extra panels, alarm status. */
export function sectionWidgets(
  title: string, kind: string, signals: GoldenSignals, extra: cloudwatch.IWidget[], alarmArns: (() => string[]) | undefined, region?: string,
): cloudwatch.IWidget[] {
  const widgets: cloudwatch.IWidget[] = [new cloudwatch.TextWidget({ markdown: `### ${title}\n${kind}`, width: FULL_WIDTH, height: 2 })];
  const present = SIGNALS.filter((k) => (signals[k]?.length ?? 0) > 0);
  const width = present.length > 0 ? Math.floor(FULL_WIDTH / present.length) : FULL_WIDTH;
  for (const k of present) {
    widgets.push(new cloudwatch.GraphWidget({ title: SIGNAL_TITLES[k], left: signals[k], width, height: GRAPH_HEIGHT, region }));
  }
  widgets.push(...extra);
  if (alarmArns) widgets.push(new AlarmArnStatusWidget('Alarms', alarmArns));
  return widgets;
}
