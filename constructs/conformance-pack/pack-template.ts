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
  /** A template read from a YAML (or JSON) file, now, at synth. */
  public static fromFile(filePath: string): PackTemplate {
    if (!existsSync(filePath)) {
      throw new Error(`[PackTemplate] conformance pack template file '${filePath}' does not exist`);
    }
    return new PackTemplate(readFileSync(filePath, 'utf-8'), path.basename(filePath));
  }

  /** A template given as YAML (or JSON) text. */
  public static fromYaml(text: string, sourceName?: string): PackTemplate {
    return new PackTemplate(text, sourceName ?? 'inline template');
  }

  private constructor(
    /** The template text, byte for byte as given. */
    public readonly text: string,
    /** Where the template came from (the file name), for messages. */
    public readonly sourceName: string,
  ) {}

  /**
   * Parses and checks the template: a YAML mapping whose Resources are only Config rules and
   * remediation configurations, at least one rule, unique rule names.
   * @internal
   */
  public _parse(scope: IConstruct, prop: string): PackDocument {
    const where = `${prop} (${this.sourceName})`;
    let parsed: unknown;
    try {
      parsed = YAML.parse(this.text, { customTags: CLOUDFORMATION_TAGS });
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
    return { parameters, conditions, entries, originalText: this.text };
  }
}

