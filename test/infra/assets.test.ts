/**
 * Layer staging against the real node_modules: the binaries run, the caption font is the one libass
 * picks, the native closure loads on its own, and staging is deterministic. Synthetic packages and
 * fonts cover the failure paths (missing Linux builds, unusable fonts).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FileSystem } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTION_FONT_CONTEXT_KEY, NPM_CAPTION_FONT, resolveCaptionFont, type CaptionFont } from '../../infra/assets/captionFont.js';
import { ffmpegLayerFiles } from '../../infra/assets/ffmpegLayer.js';
import { readFontFaces } from '../../infra/assets/fontFaces.js';
import { stageFfmpegLayer, stageNativeLayer, type StagedLayer } from '../../infra/assets/layers.js';
import { MissingNativePackageError, resolveNativeClosure, runsOnLambda } from '../../infra/assets/nativeModules.js';
import { listFiles } from '../../infra/assets/staging.js';
import { REPO_NODE_MODULES } from '../../infra/paths.js';
import { buildSyntheticCollection, buildSyntheticFont } from './syntheticFont.js';

const run = promisify(execFile);
const created: string[] = [];
/** A fresh temporary directory, removed after the file's tests (staged layers are ~200 MB). */
const tmp = (prefix: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});
const codePoints = (text: string) => [...text].map((character) => character.codePointAt(0) ?? 0);

describe('ffmpeg layer', () => {
  let font: CaptionFont;
  let layer: StagedLayer;
  beforeAll(() => {
    font = resolveCaptionFont({ nodeModules: REPO_NODE_MODULES });
    layer = stageFfmpegLayer(REPO_NODE_MODULES, font, tmp('postshow-ffmpeg-stage-'));
  });

  it('holds executable ffmpeg and ffprobe under bin/ and the caption font under fonts/', async () => {
    const files = listFiles(layer.dir);
    expect(files).toEqual(expect.arrayContaining(['bin/ffmpeg', 'bin/ffprobe', `fonts/${path.basename(font.path)}`]));
    expect(files.filter((file) => file.startsWith('fonts/'))).toHaveLength(1);
    for (const binary of ['ffmpeg', 'ffprobe']) {
      const file = path.join(layer.dir, 'bin', binary);
      // Others need execute: Lambda runs as a user that does not own /opt.
      expect(statSync(file).mode & 0o777).toBe(0o755);
      const { stdout } = await run(file, ['-hide_banner', '-version']);
      expect(stdout).toMatch(new RegExp(`^${binary} version`));
    }
    expect(layer.bytes).toBeGreaterThan(100_000_000);
  });

  it('renders Chinese captions with the layer font when asked for its family, without any system font setup', async () => {
    const work = tmp('postshow-caption-');
    const srt = path.join(work, 'captions.srt');
    const frame = path.join(work, 'frame.png');
    writeFileSync(srt, '1\n00:00:00,000 --> 00:00:02,000\n直播精彩 你好\n');
    const filter = `subtitles=filename=${srt}:fontsdir=${path.join(layer.dir, 'fonts')}:force_style='FontName=${font.family},FontSize=28'`;
    // Lambda has no fontconfig configuration; a font libass picks from fontsdir is reported without a path.
    const { stderr } = await run(
      path.join(layer.dir, 'bin', 'ffmpeg'),
      ['-hide_banner', '-y', '-f', 'lavfi', '-i', 'color=c=black:s=640x360:d=1', '-vf', filter, '-frames:v', '1', frame],
      { env: { PATH: '/usr/bin:/bin', FONTCONFIG_FILE: path.join(work, 'absent.conf'), HOME: work } },
    );
    const selection = stderr.split('\n').find((line) => line.includes('fontselect:'));
    expect(selection).toContain(`(${font.family},`);
    expect(selection).toMatch(/-> [^/]/);
    const { default: sharp } = await import('sharp');
    const stats = await sharp(frame).stats();
    expect(stats.channels[0]?.max).toBeGreaterThan(200);
  });

  it('stages the same bytes wherever it runs, so the asset hash is stable', () => {
    const again = stageFfmpegLayer(REPO_NODE_MODULES, font, tmp('postshow-ffmpeg-stage-'));
    expect(again.dir).not.toBe(layer.dir);
    expect(FileSystem.fingerprint(again.dir)).toBe(FileSystem.fingerprint(layer.dir));
    // A second synth with the same sources reuses the staged directory, unless files went missing from it.
    expect(stageFfmpegLayer(REPO_NODE_MODULES, font, path.dirname(again.dir)).dir).toBe(again.dir);
    rmSync(path.join(again.dir, 'bin', 'ffprobe'));
    const repaired = stageFfmpegLayer(REPO_NODE_MODULES, font, path.dirname(again.dir));
    expect(repaired.dir).toBe(again.dir);
    expect(FileSystem.fingerprint(repaired.dir)).toBe(FileSystem.fingerprint(layer.dir));
  });

  it('names the install command when the Linux binaries are missing (e.g. synth on macOS)', () => {
    expect(() => ffmpegLayerFiles(tmp('postshow-empty-modules-'), font)).toThrow(/npm install --os=linux --cpu=x64/);
  });
});

describe('native-modules layer', () => {
  let layer: StagedLayer;
  beforeAll(() => {
    layer = stageNativeLayer(REPO_NODE_MODULES, tmp('postshow-native-stage-'));
  });

  it("contains sharp's and jieba's linux-x64 builds and their runtime dependencies, nothing for other platforms", () => {
    const modules = path.join(layer.dir, 'nodejs', 'node_modules');
    const packages = readdirSync(modules).flatMap((entry) => (entry.startsWith('@') ? readdirSync(path.join(modules, entry)).map((name) => `${entry}/${name}`) : [entry]));
    expect(packages.sort()).toEqual(
      ['@img/colour', '@img/sharp-libvips-linux-x64', '@img/sharp-linux-x64', '@node-rs/jieba', '@node-rs/jieba-linux-x64-gnu', 'detect-libc', 'semver', 'sharp'].sort(),
    );
    for (const name of packages) expect(existsSync(path.join(modules, name, 'package.json'))).toBe(true);
  });

  it('loads sharp and jieba from the layer alone, as Lambda does from /opt/nodejs/node_modules', async () => {
    const task = tmp('postshow-native-load-');
    symlinkSync(path.join(layer.dir, 'nodejs', 'node_modules'), path.join(task, 'node_modules'));
    const script = [
      "import sharp from 'sharp';",
      "import { Jieba } from '@node-rs/jieba';",
      "import { dict } from '@node-rs/jieba/dict.js';",
      'const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#336699" } }).jpeg().toBuffer();',
      'const words = Jieba.withDict(dict).cut("今天的直播非常精彩", false);',
      'console.log(JSON.stringify({ jpeg: jpeg.subarray(0, 2).toString("hex"), words, sharpPath: import.meta.resolve("sharp") }));',
    ].join('\n');
    writeFileSync(path.join(task, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: task, env: { PATH: process.env.PATH ?? '' } });
    const result = JSON.parse(stdout) as { jpeg: string; words: string[]; sharpPath: string };
    expect(result.jpeg).toBe('ffd8');
    expect(result.words).toContain('直播');
    expect(result.sharpPath).toContain(layer.dir);
  });

  it('stages deterministically', () => {
    const again = stageNativeLayer(REPO_NODE_MODULES, tmp('postshow-native-stage-'));
    expect(FileSystem.fingerprint(again.dir)).toBe(FileSystem.fingerprint(layer.dir));
    expect(again.bytes).toBe(layer.bytes);
  });
});

describe('native closure resolution', () => {
  /** A node_modules tree from { location: package.json fields }. */
  const fakeModules = (packages: Record<string, object>): string => {
    const root = tmp('postshow-fake-modules-');
    for (const [location, manifest] of Object.entries(packages)) {
      mkdirSync(path.join(root, location), { recursive: true });
      writeFileSync(path.join(root, location, 'package.json'), JSON.stringify({ name: location.split('node_modules/').pop(), ...manifest }));
      writeFileSync(path.join(root, location, 'index.js'), '');
    }
    return root;
  };

  it('follows dependencies the way Node resolves them, nested copies included, and only Lambda-compatible optional builds', () => {
    const root = fakeModules({
      native: { dependencies: { helper: '1' }, optionalDependencies: { 'native-linux-x64-gnu': '1', 'native-linux-x64-musl': '1', 'native-darwin-arm64': '1', 'native-win32-x64': '1' } },
      'native-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
      'native-linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
      'native-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
      helper: { dependencies: { shared: '2' } },
      'helper/node_modules/shared': {},
      shared: {},
    });
    const closure = resolveNativeClosure(root, ['native']).map((pkg) => pkg.location);
    expect(closure).toEqual(['helper', 'helper/node_modules/shared', 'native', 'native-linux-x64-gnu']);
  });

  it('fails with the cross-platform install command when a linux-x64 build is missing', () => {
    const root = fakeModules({ native: {} });
    expect(() => resolveNativeClosure(root, ['native', '@img/sharp-linux-x64'])).toThrow(MissingNativePackageError);
    expect(() => resolveNativeClosure(root, ['native', '@img/sharp-linux-x64'])).toThrow(/npm install --os=linux --cpu=x64/);
    expect(() => resolveNativeClosure(fakeModules({ native: { dependencies: { gone: '1' } } }), ['native'])).toThrow(/gone \(needed by native\)/);
  });

  it("applies npm's platform fields, negations included", () => {
    expect(runsOnLambda({})).toBe(true);
    expect(runsOnLambda({ os: ['!win32'] })).toBe(true);
    expect(runsOnLambda({ os: ['!linux'] })).toBe(false);
    expect(runsOnLambda({ cpu: ['arm64'] })).toBe(false);
    expect(runsOnLambda({ os: ['linux'], cpu: ['x64'], libc: ['musl'] })).toBe(false);
  });
});

describe('caption font', () => {
  const chinese = codePoints('你好这是们说个时为发来对会过还没样买A1');
  const fontFile = (name: string, bytes: Buffer): string => {
    const file = path.join(tmp('postshow-font-'), name);
    writeFileSync(file, bytes);
    return file;
  };

  it('reads family names and coverage from TTF and TTC files', () => {
    const [face] = readFontFaces(buildSyntheticFont('Test Sans SC', chinese));
    expect(face?.family).toBe('Test Sans SC');
    expect(face?.covers(codePoints('你好A'))).toBe(true);
    expect(face?.covers(codePoints('你好Z'))).toBe(false);
    const collection = readFontFaces(buildSyntheticCollection([buildSyntheticFont('Test JP', chinese), buildSyntheticFont('Test SC', chinese)]));
    expect(collection.map((entry) => entry.family)).toEqual(['Test JP', 'Test SC']);
  });

  it('refuses web fonts and data that is not a font', () => {
    expect(() => readFontFaces(Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(8)]))).toThrow(/WOFF\/WOFF2 web font; libass/);
    expect(() => readFontFaces(Buffer.from('plain text, not a font'))).toThrow(/not a readable TrueType\/OpenType font/);
  });

  it('prefers the context path, then the npm package, then the system font, and picks the SC face of a collection', () => {
    const collection = fontFile('cjk.ttc', buildSyntheticCollection([buildSyntheticFont('Test CJK JP', chinese), buildSyntheticFont('Test CJK SC', chinese)]));
    const modules = tmp('postshow-font-modules-');
    const packaged = path.join(modules, NPM_CAPTION_FONT.packageName, NPM_CAPTION_FONT.file);
    mkdirSync(path.dirname(packaged), { recursive: true });
    writeFileSync(packaged, buildSyntheticFont('Test Sans SC', chinese));

    expect(resolveCaptionFont({ nodeModules: modules, requested: collection, systemFont: collection })).toMatchObject({ source: 'context', family: 'Test CJK SC' });
    expect(resolveCaptionFont({ nodeModules: modules, systemFont: collection })).toMatchObject({ source: 'npm', family: 'Test Sans SC', path: packaged });
    expect(resolveCaptionFont({ nodeModules: tmp('postshow-no-modules-'), systemFont: collection })).toMatchObject({ source: 'system', family: 'Test CJK SC' });
  });

  it('fails synth naming the context key when no usable font is found', () => {
    const nowhere = { nodeModules: tmp('postshow-no-modules-'), systemFont: path.join(os.tmpdir(), 'postshow-no-such-font.ttc') };
    expect(() => resolveCaptionFont(nowhere)).toThrow(new RegExp(`CDK context ${CAPTION_FONT_CONTEXT_KEY}`));
    expect(() => resolveCaptionFont({ ...nowhere, requested: '/no/such/font.ttf' })).toThrow(/captionFont=\/no\/such\/font\.ttf: no such file/);
    const latin = fontFile('latin.ttf', buildSyntheticFont('Latin Only', codePoints('ABCabc123')));
    expect(() => resolveCaptionFont({ ...nowhere, requested: latin })).toThrow(/does not cover Simplified Chinese/);
    const woff2 = fontFile('web.woff2', Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(60)]));
    expect(() => resolveCaptionFont({ ...nowhere, requested: woff2 })).toThrow(/WOFF.*libass/);
  });

  it('finds a real CJK font on this machine (npm package or Debian fonts-noto-cjk)', () => {
    const font = resolveCaptionFont({ nodeModules: REPO_NODE_MODULES });
    expect(font.family).toMatch(/^Noto Sans (CJK )?SC$/);
    expect(createHash('sha256').update(readFileSync(font.path)).digest('hex')).toHaveLength(64);
  });
});
