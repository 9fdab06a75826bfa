/** A package format the registry serves: one CodeArtifact repository (and its upstream store) each. */
export enum PackageFormat {
  /** npm packages (JavaScript/TypeScript), through the `public:npmjs` store by default. */
  NPM = 'npm',
  /** Python packages (pip, twine), through the `public:pypi` store by default. */
  PYPI = 'pypi',
  /** Maven artifacts (Java, Kotlin, Gradle), through the `public:maven-central` store by default. */
  MAVEN = 'maven',
  /** NuGet packages (.NET), through the `public:nuget-org` store by default. */
  NUGET = 'nuget',
}

/** One repository of a {@link PackageRegistry}: the format it serves and its upstreams. */
export interface RegistryFormatProps {
  /** The package format of the repository. */
  readonly format: PackageFormat;

  /**
   * Name of the repository teams publish to and install from: 2-100 characters of letters,
   * digits, `.`, `_` and `-`, starting with a letter or digit.
   * @default - npm: the registry's `repositoryName` ('npm'); other formats: the format's name ('pypi', 'maven', 'nuget')
   */
  readonly repositoryName?: string;

  /** Description of the repository. @default - a description naming the format and the domain */
  readonly description?: string;

  /**
   * Connect the repository to the format's public registry through an upstream store repository.
   * @default true (for npm, the registry's `connectToNpmjs`)
   */
  readonly connectToPublic?: boolean;

  /**
   * External connection the store holds: one of the connections CodeArtifact offers for the format
   * (npm: `public:npmjs`; pypi: `public:pypi`; maven: `public:maven-central`, `public:maven-googleandroid`,
   * `public:maven-gradleplugins`, `public:maven-commonsware`, `public:maven-clojars`; nuget: `public:nuget-org`).
   * @default - the format's main public registry (`public:npmjs`, `public:pypi`, `public:maven-central`, `public:nuget-org`)
   */
  readonly externalConnection?: string;

  /**
   * Name of the upstream store repository that holds the external connection.
   * @default `${repositoryName}-${connection without 'public:'}-store` (npm: the registry's `npmStoreRepositoryName`)
   */
  readonly storeRepositoryName?: string;

  /**
   * Further upstream repositories, by name, searched after the store in this order. A repository
   * has at most 10 upstreams in all (the store counts as one).
   * @default - none (npm: the registry's `additionalUpstreams`)
   */
  readonly additionalUpstreams?: string[];
}
