/**
 * The packages esbuild leaves out of the function bundles (native addons and their runtime
 * dependencies), collected from node_modules for the native-modules layer (`nodejs/node_modules`).
 *
 * The closure follows each package.json's `dependencies` (required) and `optionalDependencies`
 * (taken when installed and built for Lambda's platform: linux, x64, glibc), resolving each name the
 * way Node does, from the requiring package's folder upwards. Packages keep their place under
 * node_modules, so a nested copy (`a/node_modules/b`) is still found by the package that needs it.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { listFiles, type StagedFile } from './staging.js';

/** Lambda's platform, as npm's `os`, `cpu` and `libc` package fields name it. */
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'x64', libc: 'glibc' } as const;

/**
 * The packages the layer must hold: the contract's native modules and their linux-x64 builds
 * (sharp loads libvips from its own package; jieba's loader picks the `-gnu` build on glibc).
 */
export const NATIVE_LAYER_PACKAGES = [
  'sharp',
  '@img/sharp-linux-x64',
  '@img/sharp-libvips-linux-x64',
  '@node-rs/jieba',
  '@node-rs/jieba-linux-x64-gnu',
] as const;

/** Modules esbuild must not bundle: the layer's roots, plus whisper.node (never on a Lambda path, and unbundleable). */
export const NATIVE_EXTERNAL_MODULES = [...NATIVE_LAYER_PACKAGES, '@fugood/whisper.node'] as const;

interface PackageJson {
  readonly name?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

export interface ResolvedPackage {
  readonly name: string;
  /** Path relative to the node_modules root, `/`-separated (`sharp`, `sharp/node_modules/semver`). */
  readonly location: string;
}

export class MissingNativePackageError extends Error {
  constructor(name: string, requiredBy: string) {
    const platform = /-(linux|darwin|win32)-/.test(name) || name.includes('libvips');
    super(
      `native-modules layer: package ${name} (needed by ${requiredBy}) is not installed in node_modules` +
        (platform
          ? `. It is the linux-x64 build Lambda runs; npm skips it on other platforms (e.g. macOS). ` +
            'Install the Linux builds beside yours with `npm install --os=linux --cpu=x64` (or synth on linux-x64).'
          : '. Run `npm ci`.'),
    );
    this.name = 'MissingNativePackageError';
  }
}

/** The closure of `roots`, sorted by location. */
export function resolveNativeClosure(nodeModules: string, roots: readonly string[] = NATIVE_LAYER_PACKAGES): ResolvedPackage[] {
  const root = realpathSync(nodeModules);
  const found = new Map<string, ResolvedPackage>();
  const visit = (name: string, fromDir: string, requiredBy: string, optional: boolean): void => {
    const dir = resolvePackageDir(root, name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new MissingNativePackageError(name, requiredBy);
    }
    const manifest = readManifest(dir);
    if (optional && !runsOnLambda(manifest)) return;
    const location = path.relative(root, dir).split(path.sep).join('/');
    if (found.has(location)) return;
    found.set(location, { name, location });
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir, name, false);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dependency, dir, name, true);
  };
  for (const name of roots) visit(name, root, 'the layer definition', false);
  return [...found.values()].sort((a, b) => a.location.localeCompare(b.location));
}

/** The layer's files: every package of the closure under `nodejs/node_modules/`, without nested node_modules. */
export function nativeLayerFiles(nodeModules: string, roots: readonly string[] = NATIVE_LAYER_PACKAGES): StagedFile[] {
  const root = realpathSync(nodeModules);
  return resolveNativeClosure(root, roots).flatMap(({ location }) => {
    const dir = path.join(root, ...location.split('/'));
    return listFiles(dir)
      .filter((file) => !file.split('/').includes('node_modules'))
      .map((file) => {
        const source = path.join(dir, ...file.split('/'));
        // Keep execute bits (prebuilt helpers) but normalise the rest: the user's umask must not change the asset.
        const executable = (statSync(source).mode & 0o111) !== 0;
        return { source, target: `nodejs/node_modules/${location}/${file}`, mode: executable ? 0o755 : 0o644 };
      });
  });
}

/** Node's lookup: `{dir}/node_modules/{name}` from the requiring package upwards, not above the root. */
function resolvePackageDir(root: string, name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = dir === root ? path.join(root, name) : path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dir === root) return undefined;
    const parent = path.dirname(dir);
    // Step from `root/a/node_modules/b` to `root/a`, and from `root/a` (or `root/@scope/a`) to root.
    dir = parent.startsWith(root) && parent !== root ? (path.basename(parent) === 'node_modules' ? path.dirname(parent) : parent) : root;
  }
}

function readManifest(dir: string): PackageJson {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** npm's platform check: each present field must allow Lambda's value (`!x` entries exclude). */
export function runsOnLambda(manifest: Pick<PackageJson, 'os' | 'cpu' | 'libc'>): boolean {
  const allows = (values: readonly string[] | undefined, wanted: string): boolean => {
    if (!values || values.length === 0) return true;
    if (values.includes(`!${wanted}`)) return false;
    const positive = values.filter((value) => !value.startsWith('!'));
    return positive.length === 0 || positive.includes(wanted);
  };
  return allows(manifest.os, LAMBDA_PLATFORM.os) && allows(manifest.cpu, LAMBDA_PLATFORM.cpu) && allows(manifest.libc, LAMBDA_PLATFORM.libc);
}
