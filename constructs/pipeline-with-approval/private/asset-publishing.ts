/**
 * The asset publisher the default build runs: cdk-assets, pinned (not a floating major on every
 * build). Checked with `npm view cdk-assets version` on 2026-12-01. A project that has cdk-assets
 * as a dependency at this version runs its own copy (npx prefers the local one).
 */
export const CDK_ASSETS_VERSION = '4.7.3';

/**
 * One shell command publishing the given asset manifests (paths in the build's working
 * directory), each through the publishing roles its manifest names. Manifests marked optional
 * are skipped when absent (a plain template's manifest next to it, when there is one).
 */
export function publishAssetsCommand(manifests: string[], optional: string[], version: string): string {
  const publish = (m: string) => `npx --yes cdk-assets@${version} --path "${m}" --verbose publish`;
  const commands = [
    ...manifests.map(publish),
    ...optional.map((m) => `if [ -f "${m}" ]; then ${publish(m)}; fi`),
  ];
  return commands.length > 0 ? commands.join(' && ') : 'echo "No assets to publish"';
}
