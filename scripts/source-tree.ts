/**
 * Shared by the catalogue generators: reading an AWS source from a checkout or a git directory
 * (a `fetch` snapshot), and writing generated TypeScript literals.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A source read at one commit: its files under `dir`, removed again by `cleanup`. */
export interface Tree { readonly dir: string; readonly commit: string; readonly commitDate: string; cleanup(): void }

export function isGitDir(dir: string): boolean {
  return existsSync(path.join(dir, 'HEAD')) && existsSync(path.join(dir, 'objects'));
}

export function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 }).trim();
}

/** Opens a source: a work tree as it is, or a git directory at the newest commit that has `marker` (its `folder` extracted). */
export function openTree(location: string, marker: string, folder: string): Tree {
  const gitDir = isGitDir(location) ? location : path.join(location, '.git');
  if (existsSync(path.join(location, marker))) {
    const commit = existsSync(gitDir) ? git(gitDir, 'rev-parse', 'HEAD') : 'unknown (not a git checkout)';
    const commitDate = existsSync(gitDir) ? git(gitDir, 'log', '-1', '--format=%cI', 'HEAD') : 'unknown';
    return { dir: location, commit, commitDate, cleanup: () => undefined };
  }
  if (!isGitDir(gitDir)) throw new Error(`${location}: neither a checkout with ${marker} nor a git directory`);
  let commit = git(gitDir, 'rev-list', '-1', 'HEAD', '--', marker);
  if (!commit) throw new Error(`${location}: no commit has ${marker}`);
  try {
    execFileSync('git', [`--git-dir=${gitDir}`, 'cat-file', '-e', `${commit}:${marker}`], { stdio: 'ignore' });
  } catch {
    commit = git(gitDir, 'rev-parse', `${commit}^`); // the newest change deleted it: read its parent
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gantry-source-'));
  execFileSync('sh', ['-c', 'git --git-dir="$0" archive "$1" "$2" | tar -x -C "$3"', gitDir, commit, folder, dir]);
  const commitDate = git(gitDir, 'log', '-1', '--format=%cI', commit);
  return { dir, commit, commitDate, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A value as a TypeScript literal, with identifier keys unquoted. */
export function literal(value: unknown): string {
  return JSON.stringify(value).replace(/"([A-Za-z_$][A-Za-z0-9_$]*)":/g, '$1: ');
}
