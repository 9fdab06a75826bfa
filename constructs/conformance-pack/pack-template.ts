import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { fail, Limits } from '../core';
import { checkUniqueRuleNames, CLOUDFORMATION_TAGS, describeShape, isRecord, PackDocument, PackEntry, refersTo } from './template-parts';

/**
 * An existing conformance pack template (for example one of the AWS sample packs), loaded as it
 * is. Its input parameters are set with the pack's `templateParameters`.
 */
export class PackTemplate {
  /**
   * A template read from a YAML (or JSON) file at synth, when a conformance pack parses it (a missing
   * or unreadable file fails there, naming the pack and its `template` prop). A relative path is
   * resolved against the working directory.
   */
  public static fromFile(filePath: string): PackTemplate {
    return new PackTemplate({ filePath }, path.basename(filePath));
  }

  /** A template given as YAML (or JSON) text. */
  public static fromYaml(text: string, sourceName?: string): PackTemplate {
    return new PackTemplate({ text }, sourceName ?? 'inline template');
  }

  private constructor(
    private readonly source: { readonly text?: string; readonly filePath?: string },
    /** Where the template came from (the file name), for messages. */
    public readonly sourceName: string,
  ) {}

  /** The template text, byte for byte as given (a file is read now). */
  public get text(): string {
    return this.source.text ?? readFileSync(this.source.filePath!, 'utf-8');
  }

  /** The text, or a ValidationError naming the construct and prop when the file cannot be read. */
  private read(scope: IConstruct, prop: string): string {
    const filePath = this.source.filePath;
    if (filePath === undefined) return this.source.text!;
    const resolved = path.resolve(filePath);
    if (!existsSync(resolved)) {
      return fail(scope, prop, `PackTemplate.fromFile(${JSON.stringify(filePath)})`,
        `a conformance pack template file that exists (${resolved} does not; relative paths are resolved against ${process.cwd()})`);
    }
    try {
      return readFileSync(resolved, 'utf-8');
    } catch (error) {
      return fail(scope, prop, `PackTemplate.fromFile(${JSON.stringify(filePath)})`, `a readable template file (${(error as Error).message})`);
    }
  }

  /**
   * Parses and checks the template: a YAML mapping whose Resources are only Config rules and
   * remediation configurations, at least one rule, unique rule names.
   * @internal
   */
  public _parse(scope: IConstruct, prop: string): PackDocument {
    const where = `${prop} (${this.sourceName})`;
    const text = this.read(scope, prop);
    let parsed: unknown;
    try {
      parsed = YAML.parse(text, { customTags: CLOUDFORMATION_TAGS });
    } catch (error) {
      return fail(scope, where, (error as Error).message, 'a YAML or JSON conformance pack template');
    }
    if (!isRecord(parsed) || !isRecord(parsed.Resources)) {
      return fail(scope, where, typeof parsed === 'string' ? parsed : describeShape(parsed), 'a conformance pack template: a mapping with a Resources section');
    }
    const entries: PackEntry[] = [];
    const remediations: Array<[string, Record<string, unknown>]> = [];
    for (const [logicalId, resource] of Object.entries(parsed.Resources)) {
      const type = isRecord(resource) ? resource.Type : undefined;
      if (!isRecord(resource) || typeof type !== 'string' || !Limits.conformancePack.templateResourceTypes.includes(type)) {
        fail(scope, `${where}.Resources.${logicalId}`, type ?? resource,
          `only ${Limits.conformancePack.templateResourceTypes.join(' and ')} resources (Config refuses other types in a pack)`);
      }
      if (type === 'AWS::Config::ConfigRule') {
        const properties = isRecord(resource.Properties) ? resource.Properties : {};
        const source = isRecord(properties.Source) ? properties.Source : {};
        if (typeof source.Owner !== 'string') {
          fail(scope, `${where}.Resources.${logicalId}.Properties.Source.Owner`, source.Owner, 'AWS, CUSTOM_LAMBDA or CUSTOM_POLICY');
        }
        const ruleName = typeof properties.ConfigRuleName === 'string' ? properties.ConfigRuleName : logicalId;
        if (ruleName.length > Limits.conformancePack.maxRuleNameLength) {
          fail(scope, `${where}.Resources.${logicalId}.Properties.ConfigRuleName`, ruleName, `at most ${Limits.conformancePack.maxRuleNameLength} characters`);
        }
        const description = properties.Description;
        if (typeof description === 'string' && description.length > Limits.config.maxRuleDescriptionLength) {
          fail(scope, `${where}.Resources.${logicalId}.Properties.Description`, `${description.length} characters`,
            `at most ${Limits.config.maxRuleDescriptionLength} characters (Config's limit for a rule description)`);
        }
        entries.push({ ruleName, logicalId, rule: resource, remediations: [] });
      } else {
        remediations.push([logicalId, resource]);
      }
    }
    if (entries.length === 0) {
      fail(scope, where, 'no AWS::Config::ConfigRule', 'a template with at least one AWS::Config::ConfigRule');
    }
    checkUniqueRuleNames(scope, `${where}.Resources`, entries.map((e) => e.ruleName));
    for (const [logicalId, resource] of remediations) {
      const properties = isRecord(resource.Properties) ? resource.Properties : {};
      const owner = entries.find((e) => e.ruleName === properties.ConfigRuleName || refersTo(resource.DependsOn, e.logicalId));
      if (!owner) {
        fail(scope, `${where}.Resources.${logicalId}.Properties.ConfigRuleName`, properties.ConfigRuleName, 'the ConfigRuleName of a rule in the template');
      }
      owner.remediations.push({ logicalId, resource });
    }
    const parameters = isRecord(parsed.Parameters) ? parsed.Parameters : {};
    const conditions = isRecord(parsed.Conditions) ? parsed.Conditions : undefined;
    return { parameters, conditions, entries, originalText: text };
  }
}

