import { isUnresolved } from '../core';
import { PackageFormat } from './package-format';
import { normaliseName } from './private/package-group-pattern';

/**
 * One package, by format, namespace and name as CodeArtifact stores them, for grants that name exact
 * packages (`PackageRegistry.grantPublishPackages`) instead of every package of a repository.
 * Source for the coordinates: CodeArtifact User Guide, "AWS CodeArtifact permissions reference"
 * (package ARN `package/<domain>/<repository>/<format>/<namespace>/<name>`, the namespace section
 * blank for a package without one) and "Package namespace" (npm scope without `@`, Maven groupId).
 */
export class RegistryPackage {
  /**
   * An npm package: `@scope/name` (the scope is its namespace, stored without the `@`) or an
   * unscoped `name`. A token is taken as an unscoped name: use `of` for a scoped one.
   */
  public static npm(name: string): RegistryPackage {
    const scoped = isUnresolved(name) ? null : /^@([^/]+)\/(.+)$/.exec(name);
    return scoped ? new RegistryPackage(PackageFormat.NPM, scoped[1], scoped[2]) : new RegistryPackage(PackageFormat.NPM, '', name);
  }

  /** A Python distribution (no namespace), normalised as CodeArtifact normalises Python names (lowercase; runs of `-`, `_`, `.` become `-`). */
  public static pypi(name: string): RegistryPackage {
    return new RegistryPackage(PackageFormat.PYPI, '', normaliseName('pypi', name));
  }

  /** A Maven artifact: its groupId is the namespace, its artifactId the name. */
  public static maven(groupId: string, artifactId: string): RegistryPackage {
    return new RegistryPackage(PackageFormat.MAVEN, groupId, artifactId);
  }

  /** A NuGet package (no namespace), lowercased as CodeArtifact stores NuGet ids. */
  public static nuget(id: string): RegistryPackage {
    return new RegistryPackage(PackageFormat.NUGET, '', normaliseName('nuget', id));
  }

  /** Any package by its stored coordinates, verbatim (`namespace` empty for none). */
  public static of(format: PackageFormat, namespace: string, name: string): RegistryPackage {
    return new RegistryPackage(format, namespace, name);
  }

  /** The package's format (which repository of the registry holds it). */
  public readonly format: PackageFormat;
  /** Its namespace as CodeArtifact stores it: npm scope without `@`, Maven groupId, empty for none. */
  public readonly namespace: string;
  /** Its name as CodeArtifact stores it. */
  public readonly name: string;

  private constructor(format: PackageFormat, namespace: string, name: string) {
    this.format = format;
    this.namespace = namespace;
    this.name = name;
  }
}
