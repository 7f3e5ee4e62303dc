/**
 * How every Lambda entry is bundled: one esbuild configuration, used by the stack (through
 * NodejsFunction's local esbuild, no Docker) and by `bundleForSmokeTest` (through the esbuild API),
 * so a test can load exactly what Lambda will run.
 *
 * - ESM for Node 22, minified, with external source maps (NODE_OPTIONS=--enable-source-maps on the
 *   functions turns stack traces back into TypeScript lines).
 * - Banner: CommonJS packages bundled into ESM still call `require()` for Node built-ins and read
 *   `__dirname` (fluent-ffmpeg does, in its constructor, to find its presets), neither of which
 *   exists in an ES module; the banner defines both from `import.meta.url`.
 * - Native addons stay external and come from the native-modules layer; whisper.node is never
 *   imported on a Lambda path and cannot be bundled.
 * - The AWS SDK is bundled, not taken from the runtime: the adapters rely on the pinned versions
 *   (conditional writes, lib-storage, the presigner), which the runtime's copy may predate.
 * - fluent-ffmpeg up to 2.1.2 picks its code with
 *   `require(process.env.FLUENTFFMPEG_COV ? './lib-cov/fluent-ffmpeg' : './lib/fluent-ffmpeg')`;
 *   esbuild would try to resolve both branches and fail on the missing lib-cov. Defining the
 *   variable as `false` folds the condition so only lib/ is bundled (2.1.3 dropped the switch; the
 *   define keeps a downgrade from breaking the build).
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { NATIVE_EXTERNAL_MODULES } from './assets/nativeModules.js';
import { ESBUILD_TARGET } from './lambdaPlatform.js';

const BANNER = [
  "import { createRequire as __postshowCreateRequire } from 'node:module';",
  "import { fileURLToPath as __postshowFileURLToPath } from 'node:url';",
  "import { dirname as __postshowDirname } from 'node:path';",
  'const require = __postshowCreateRequire(import.meta.url);',
  'const __filename = __postshowFileURLToPath(import.meta.url);',
  'const __dirname = __postshowDirname(__filename);',
].join(' ');

/** The single source of the bundling settings; both consumers below are derived from it. */
export const BUNDLE_SETTINGS = {
  target: ESBUILD_TARGET,
  banner: BANNER,
  minify: true,
  sourcemap: true,
  /** Source text in the maps only adds megabytes; file names and lines are what stack traces need. */
  sourcesContent: false,
  external: [...NATIVE_EXTERNAL_MODULES],
  define: { 'process.env.FLUENTFFMPEG_COV': 'false' },
  /** Prefer packages' ES builds: better tree shaking in an ESM bundle. */
  mainFields: ['module', 'main'],
} as const;

/** NodejsFunction's `bundling` for every postshow function. */
export const LAMBDA_BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: BUNDLE_SETTINGS.target,
  banner: BUNDLE_SETTINGS.banner,
  minify: BUNDLE_SETTINGS.minify,
  sourceMap: BUNDLE_SETTINGS.sourcemap,
  sourcesContent: BUNDLE_SETTINGS.sourcesContent,
  externalModules: [...BUNDLE_SETTINGS.external],
  bundleAwsSDK: true,
  define: { ...BUNDLE_SETTINGS.define },
  mainFields: [...BUNDLE_SETTINGS.mainFields],
  forceDockerBundling: false,
};

/** The handler file name NodejsFunction writes for ESM output (`index.mjs`, handler `index.handler`). */
export const BUNDLE_FILE_NAME = 'index.mjs';

export interface SmokeBundle {
  readonly outFile: string;
  /** Bundle plus source map, bytes: the function's code size on Lambda. */
  readonly bytes: number;
  /** Every source file esbuild put into the bundle, relative to the working directory. */
  readonly inputs: readonly string[];
}

/**
 * Bundles `entry` to `outFile` (use a `.mjs` name) with the Lambda settings through the esbuild API.
 * Import the result to check that it loads; put a `node_modules` beside it (e.g. a link to the
 * staged native-modules layer's `nodejs/node_modules`) for the external modules to resolve.
 */
export async function bundleForSmokeTest(entry: string, outFile: string): Promise<SmokeBundle> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_SETTINGS.target,
    banner: { js: BUNDLE_SETTINGS.banner },
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: BUNDLE_SETTINGS.sourcemap,
    sourcesContent: BUNDLE_SETTINGS.sourcesContent,
    external: [...BUNDLE_SETTINGS.external],
    define: { ...BUNDLE_SETTINGS.define },
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    metafile: true,
    logLevel: 'silent',
  });
  const mapFile = `${outFile}.map`;
  return {
    outFile: path.resolve(outFile),
    bytes: statSync(outFile).size + statSync(mapFile).size,
    inputs: Object.keys(result.metafile.inputs).sort(),
  };
}
