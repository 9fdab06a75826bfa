import { Aws, Token } from 'aws-cdk-lib';
import { Control, ControlBehavior, ControlDefinition } from './control';
import { CatalogueEntry } from './library/entry';
import { CONTROL_LIBRARY } from './library/registry.generated';
import { CONTROL_CATALOGUE_SOURCE } from './source.generated';

/**
 * The control library by name and by global identifier, and one `Control` per entry (so a typed member and
 * `byName` give the same object). Internal: users reach it through `ControlCatalogue`.
 */
const BY_NAME = new Map<string, CatalogueEntry>();
const BY_GLOBAL_ID = new Map<string, CatalogueEntry>();
for (const entry of CONTROL_LIBRARY) {
  if (BY_NAME.has(entry.name)) throw new Error(`[ControlCatalogue] the control library names ${entry.name} twice`);
  BY_NAME.set(entry.name, entry);
  if (entry.globalId) {
    if (BY_GLOBAL_ID.has(entry.globalId)) throw new Error(`[ControlCatalogue] the control library gives global id ${entry.globalId} twice (${BY_GLOBAL_ID.get(entry.globalId)!.name}, ${entry.name})`);
    BY_GLOBAL_ID.set(entry.globalId, entry);
  }
}
const INSTANCES = new Map<string, Control>();

/** Where the catalogue comes from, in one line. */
export const CONTROL_CATALOGUE_FACTS = `Control Catalog: ${CONTROL_CATALOGUE_SOURCE.catalog.repository}@${CONTROL_CATALOGUE_SOURCE.catalog.commit.slice(0, 12)} `
  + `(${CONTROL_CATALOGUE_SOURCE.catalog.commitDate.slice(0, 10)}) ${CONTROL_CATALOGUE_SOURCE.catalog.path}; aliases: ${CONTROL_CATALOGUE_SOURCE.guide.repository}@`
  + `${CONTROL_CATALOGUE_SOURCE.guide.commit.slice(0, 12)} (${CONTROL_CATALOGUE_SOURCE.guide.commitDate.slice(0, 10)}); read ${CONTROL_CATALOGUE_SOURCE.extractedAt}`;

function definitionOf(entry: CatalogueEntry): ControlDefinition {
  const { legacy, ...definition } = entry;
  return definition;
}

function canEnable(entry: CatalogueEntry): boolean {
  return !entry.mandatory && (entry.legacy === true || entry.globalId !== undefined);
}

function instance(entry: CatalogueEntry): Control {
  let control = INSTANCES.get(entry.name);
  if (!control) {
    control = entry.legacy
      ? Control.legacy(definitionOf(entry))
      : Control.fromArn(`arn:${Aws.PARTITION}:controlcatalog:::control/${entry.globalId}`, definitionOf(entry));
    INSTANCES.set(entry.name, control);
  }
  return control;
}

/** A typed member's control (the generator only names controls that can be enabled). */
export function catalogueControl(name: string): Control {
  const entry = BY_NAME.get(name);
  if (!entry || !canEnable(entry)) throw new Error(`[ControlCatalogue] ${name} is not a control of the library that can be enabled`);
  return instance(entry);
}

/** Every control that can be enabled, in name order. */
export function enablableControls(): Control[] {
  return [...BY_NAME.values()].filter(canEnable).sort((a, b) => a.name.localeCompare(b.name)).map(instance);
}

const GLOBAL_ARN = /^arn:[a-z-]+:controlcatalog:::control\/([0-9a-z]+)$/;

/** A control by name, global id or global ARN, with an error that says what to use instead. */
export function findControl(key: string): Control {
  const id = typeof key === 'string' && !Token.isUnresolved(key) ? key.match(GLOBAL_ARN)?.[1] ?? key : key;
  const entry = BY_NAME.get(id) ?? BY_GLOBAL_ID.get(id);
  if (!entry) {
    const near = [...BY_NAME.keys()].filter((n) => n.toUpperCase().includes(String(key).toUpperCase().replace(/^AWS-GR_/, '').slice(0, 12))).slice(0, 5);
    throw new Error(`[ControlCatalogue] unknown control ${JSON.stringify(key)}${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; the catalogue has ${BY_NAME.size} controls (see ControlCatalogue.all()); declare others with Control.fromArn`);
  }
  if (entry.mandatory) throw new Error(`[ControlCatalogue] ${entry.name} is a mandatory control: Control Tower enables it on every registered OU, it cannot be enabled`);
  if (!canEnable(entry)) {
    throw new Error(`[ControlCatalogue] ${entry.name} is a proactive control whose global identifier the catalogue does not know: use ControlCatalogue.proactive(${JSON.stringify(entry.name)}, <its global ARN>)`);
  }
  return instance(entry);
}

/** The names of the proactive controls of the library. */
export function proactiveNames(): string[] {
  return [...BY_NAME.values()].filter((e) => e.behavior === ControlBehavior.PROACTIVE).map((e) => e.name).sort((a, b) => a.localeCompare(b));
}

/** A proactive control's description, to enable it by an ARN the user gives. */
export function proactiveDescription(name: string): ControlDefinition {
  const entry = BY_NAME.get(name);
  if (!entry || entry.behavior !== ControlBehavior.PROACTIVE) {
    throw new Error(`[ControlCatalogue] unknown proactive control ${JSON.stringify(name)}; the catalogue has ${proactiveNames().length} (e.g. CT.S3.PR.1; see ControlCatalogue.proactiveControlNames()); declare others with Control.fromArn`);
  }
  return definitionOf(entry);
}
