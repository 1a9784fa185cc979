// A clean install on the oldest Node the package supports: every package the lockfile installs accepts that Node
// (so `npm ci` prints no EBADENGINE warning), and no dependency's install script is left unreviewed (so npm
// prints no install-scripts notice). .ci/run also fails if a real `npm ci` prints EBADENGINE.
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  hasInstallScript?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
}

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { engines: { node: string }; allowScripts?: Record<string, boolean> };
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, LockedPackage> };
const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
const oldestNode = semver.minVersion(manifest.engines.node)?.version;

describe('a clean install', () => {
  it('declares the oldest Node it supports', () => {
    expect(oldestNode).toBe('20.19.0');
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });

  it('installs no package that refuses that Node (npm would warn EBADENGINE)', () => {
    const refusing = installed.flatMap(([path, pkg]) => {
      const node = Array.isArray(pkg.engines) ? undefined : pkg.engines?.node;
      return node !== undefined && !semver.satisfies(oldestNode as string, node) ? [`${path.replace(/^.*node_modules\//, '')}@${pkg.version ?? '?'} wants node ${node}`] : [];
    });
    expect(installed.length).toBeGreaterThan(100);
    expect(refusing).toEqual([]);
  });

  it('has reviewed every install script of the packages it installs (allowScripts)', () => {
    const scripted = installed.filter(([, pkg]) => pkg.hasInstallScript).map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(scripted.length).toBeGreaterThan(0); // esbuild has one: the check has something to judge
    const unreviewed = scripted.filter((name) => manifest.allowScripts?.[name] === undefined);
    expect(unreviewed).toEqual([]);
  });
});
