import { isUnresolved, Limits } from '../../core';

/** What a package group pattern selects. */
export type PatternKind = 'all' | 'format' | 'namespacePrefix' | 'namespace' | 'namePrefix' | 'name';

export interface ParsedPattern {
  readonly kind: PatternKind;
  readonly format?: string;
  /** The namespace ('' for the blank namespace), when the pattern names one. */
  readonly namespace?: string;
  readonly name?: string;
}

/** The pattern, or why CodeArtifact would not accept it (or would accept it and match nothing). */
export type PatternCheck =
  | { readonly parsed: ParsedPattern; readonly problem?: undefined }
  | { readonly parsed?: undefined; readonly problem: string };

// A namespace or name: no '#', '/' or whitespace (PackageDescription); the suffix characters are
// kept out too so that a pattern reads one way only.
const PART = '[^#/\\s~$*]';
const GRAMMAR = new RegExp(
  `^/(?:\\*|(${PART}+)/(?:\\*|(${PART}+)~|(${PART}*)/(?:\\*|(${PART}+)([~$]))))$`,
);

/**
 * Checks a CodeArtifact package group pattern against the documented grammar and per-format rules
 * (constructs/core/limits.ts, `codeArtifactFormats`).
 */
export function checkPackageGroupPattern(pattern: string): PatternCheck {
  const f = Limits.codeArtifactFormats;
  if (pattern.length < f.minPackageGroupPatternLength || pattern.length > f.maxPackageGroupPatternLength) {
    return { problem: `${f.minPackageGroupPatternLength}-${f.maxPackageGroupPatternLength} characters` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(pattern)) return { problem: 'no whitespace or control characters' };
  const m = GRAMMAR.exec(pattern);
  if (!m) {
    return {
      problem: 'one of /*, /{format}/*, /{format}/{namespace}~, /{format}/{namespace}/*, /{format}/{namespace}/{name}~ '
        + 'or /{format}/{namespace}/{name}$ (the suffix * matches every value of the next part, ~ a prefix, $ the exact coordinate)',
    };
  }
  const [, format, namespacePrefix, namespace, name, suffix] = m;
  if (format === undefined) return { parsed: { kind: 'all' } };
  if (!f.packageFormats.includes(format)) return { problem: `a package format CodeArtifact knows (${f.packageFormats.join(', ')}), not "${format}"` };

  const parsed: ParsedPattern = namespacePrefix !== undefined
    ? { kind: 'namespacePrefix', format, namespace: namespacePrefix }
    : namespace === undefined
      ? { kind: 'format', format }
      : name === undefined
        ? { kind: 'namespace', format, namespace }
        : { kind: suffix === '$' ? 'name' : 'namePrefix', format, namespace, name };

  const hasNoNamespace = f.formatsWithoutNamespace.includes(format);
  if (hasNoNamespace && parsed.namespace) {
    return {
      problem: `${format} packages have no namespace: leave the namespace section blank, e.g. /${format}//${normaliseName(format, parsed.namespace)}~ for names starting with "${parsed.namespace}"`,
    };
  }
  if (f.formatsRequiringNamespace.includes(format) && parsed.name !== undefined && !parsed.namespace) {
    return { problem: `${format} packages always have a namespace${format === 'maven' ? ' (the groupId)' : ''}: name it before the package name` };
  }
  if (format === 'npm' && parsed.namespace?.startsWith('@')) {
    const scope = parsed.namespace.slice(1);
    return { problem: `npm scopes are stored without the "@": write ${pattern.replace(`/npm/${parsed.namespace}`, `/npm/${scope}`)}` };
  }
  for (const part of [parsed.namespace, parsed.name]) {
    if (part !== undefined && part.length > f.maxNamespaceOrNameLength) {
      return { problem: `namespaces and names of at most ${f.maxNamespaceOrNameLength} characters` };
    }
  }
  // CodeArtifact matches groups against normalised names, so a pattern that is not normalised matches nothing.
  if (parsed.name !== undefined && normaliseName(format, parsed.name) !== parsed.name) {
    return { problem: `${format} names as CodeArtifact normalises them: write "${normaliseName(format, parsed.name)}" instead of "${parsed.name}"` };
  }
  return { parsed };
}

/**
 * The name as CodeArtifact stores it: Python names per PEP 503 (lowercase, runs of `-`, `_`, `.`
 * become one `-`); NuGet names lowercase. Source: User Guide, "Python package name normalization",
 * "NuGet package name, version, and asset name normalization". A token is returned as it is.
 */
export function normaliseName(format: string, name: string): string {
  if (isUnresolved(name)) return name;
  if (format === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (format === 'nuget') return name.toLowerCase();
  return name;
}
