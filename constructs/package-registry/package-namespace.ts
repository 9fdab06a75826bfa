import { normaliseName } from './private/package-group-pattern';

/**
 * One of the organization's own package namespaces, protected against dependency confusion: the
 * registry puts it in a CodeArtifact package group whose packages may be published only to the
 * registry's repository of that format and are never fetched from a public upstream, so a public
 * package named like an internal one can never shadow it.
 *
 * The pattern is checked at synth against CodeArtifact's package group syntax (see
 * `constructs/core/limits.ts`, `codeArtifactFormats`).
 */
export class PackageNamespace {
  /**
   * An npm scope: every package `@scope/...`. The leading `@` is optional (CodeArtifact stores npm
   * scopes without it), e.g. `npmScope('@acme')` is the pattern `/npm/acme/*`.
   */
  public static npmScope(scope: string): PackageNamespace {
    return new PackageNamespace(`/npm/${scope.startsWith('@') ? scope.slice(1) : scope}/*`);
  }

  /**
   * Python packages whose name starts with a prefix (Python has no namespaces), e.g.
   * `pythonPrefix('acme')` is `/pypi//acme~`, matching `acme`, `acme-utils`, `acme_cli`. The prefix is
   * normalised as CodeArtifact normalises Python names (lowercase; runs of `-`, `_`, `.` become `-`).
   */
  public static pythonPrefix(prefix: string): PackageNamespace {
    return new PackageNamespace(`/pypi//${normaliseName('pypi', prefix)}~`);
  }

  /** Every Maven artifact of one groupId, e.g. `mavenGroup('com.acme')` is `/maven/com.acme/*`. */
  public static mavenGroup(groupId: string): PackageNamespace {
    return new PackageNamespace(`/maven/${groupId}/*`);
  }

  /**
   * Maven artifacts whose groupId starts with a prefix, e.g. `mavenGroupPrefix('com.acme')` is
   * `/maven/com.acme~` (covering `com.acme` and `com.acme.platform`).
   */
  public static mavenGroupPrefix(prefix: string): PackageNamespace {
    return new PackageNamespace(`/maven/${prefix}~`);
  }

  /** NuGet packages whose id starts with a prefix (lowercased as CodeArtifact stores it), e.g. `/nuget//acme~`. */
  public static nugetPrefix(prefix: string): PackageNamespace {
    return new PackageNamespace(`/nuget//${normaliseName('nuget', prefix)}~`);
  }

  /**
   * A CodeArtifact package group pattern, verbatim, e.g. `/npm/acme/*`, `/pypi//acme~`,
   * `/maven/com.acme/*`, `/maven/com.acme/acme-core$`.
   */
  public static fromPattern(pattern: string): PackageNamespace {
    return new PackageNamespace(pattern);
  }

  /** The package group pattern. */
  public readonly pattern: string;

  private constructor(pattern: string) {
    this.pattern = pattern;
  }
}
