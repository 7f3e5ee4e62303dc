/**
 * The font ffmpeg's libass burns Chinese and English captions with on Lambda (`/opt/fonts`).
 *
 * Sources, first found wins:
 * 1. CDK context `captionFont`: a path to a TTF/OTF/TTC (`cdk synth -c captionFont=/path/font.ttc`);
 * 2. the npm package `@expo-google-fonts/noto-sans-sc` (Noto Sans SC Regular, OFL-1.1, kept by Expo),
 *    when installed: the same file on every machine, macOS included;
 * 3. Debian's `fonts-noto-cjk` (Noto Sans CJK Regular collection, OFL-1.1), which
 *    scripts/install-system-packages.sh installs for the local pipeline anyway.
 * Whatever the source, the file must be a real OpenType font (libass cannot read WOFF/WOFF2) that
 * maps common Simplified Chinese characters; synth fails naming the context key otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readFontFaces } from './fontFaces.js';

export const CAPTION_FONT_CONTEXT_KEY = 'captionFont';

export const NPM_CAPTION_FONT = {
  packageName: '@expo-google-fonts/noto-sans-sc',
  file: '400Regular/NotoSansSC_400Regular.ttf',
  license: 'LICENSE_FONT',
} as const;

export const DEBIAN_CAPTION_FONT = {
  file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  license: '/usr/share/doc/fonts-noto-cjk/copyright',
} as const;

/** Common Simplified Chinese characters (several with no Traditional form), plus Latin letters and digits captions mix in. */
const REQUIRED_TEXT = '你好这是们说个时为发来对会过还没样买A1';
const REQUIRED_CODE_POINTS = [...REQUIRED_TEXT].map((character) => character.codePointAt(0) ?? 0);

export interface CaptionFont {
  readonly path: string;
  /** The family libass must be asked for (`FontName=`): it differs between the sources above. */
  readonly family: string;
  readonly source: 'context' | 'npm' | 'system';
  /** The font's licence text (OFL asks that it travel with the font), when the source ships one. */
  readonly licensePath?: string;
}

export interface CaptionFontOptions {
  /** Value of the `captionFont` context key, if given. */
  readonly requested?: string;
  /** node_modules directory to look for the npm font package in. */
  readonly nodeModules: string;
  /** Debian's default location; a parameter so tests can simulate a machine without it. */
  readonly systemFont?: string;
}

export function resolveCaptionFont(options: CaptionFontOptions): CaptionFont {
  if (options.requested) {
    const requested = path.resolve(options.requested);
    if (!existsSync(requested)) throw new Error(`CDK context ${CAPTION_FONT_CONTEXT_KEY}=${options.requested}: no such file`);
    return { path: requested, family: captionFamily(requested), source: 'context' };
  }
  const packaged = path.join(options.nodeModules, NPM_CAPTION_FONT.packageName, NPM_CAPTION_FONT.file);
  if (existsSync(packaged)) {
    const license = path.join(options.nodeModules, NPM_CAPTION_FONT.packageName, NPM_CAPTION_FONT.license);
    return { path: packaged, family: captionFamily(packaged), source: 'npm', ...(existsSync(license) ? { licensePath: license } : {}) };
  }
  const system = options.systemFont ?? DEBIAN_CAPTION_FONT.file;
  if (existsSync(system)) {
    const license = options.systemFont ? undefined : DEBIAN_CAPTION_FONT.license;
    return { path: system, family: captionFamily(system), source: 'system', ...(license && existsSync(license) ? { licensePath: license } : {}) };
  }
  throw new Error(
    `No font for burned-in Chinese captions. Set CDK context ${CAPTION_FONT_CONTEXT_KEY} to a TTF/OTF/TTC covering Simplified Chinese ` +
      `(e.g. cdk synth -c ${CAPTION_FONT_CONTEXT_KEY}=/path/to/NotoSansCJK-Regular.ttc), install the npm package ${NPM_CAPTION_FONT.packageName}, ` +
      `or install Debian's fonts-noto-cjk (${system}).`,
  );
}

/**
 * The family of the face captions will use: in a collection, the Simplified Chinese face
 * (Noto Sans CJK SC) rather than the first one (JP), since that is the language we caption.
 */
export function captionFamily(fontPath: string): string {
  let faces;
  try {
    faces = readFontFaces(readFileSync(fontPath));
  } catch (error) {
    throw new Error(`caption font ${fontPath} (CDK context ${CAPTION_FONT_CONTEXT_KEY}): ${(error as Error).message}`);
  }
  const usable = faces.filter((face) => face.covers(REQUIRED_CODE_POINTS));
  const chosen = usable.find((face) => / SC$/.test(face.family)) ?? usable[0];
  if (!chosen) {
    throw new Error(
      `caption font ${fontPath} (CDK context ${CAPTION_FONT_CONTEXT_KEY}) does not cover Simplified Chinese (tested "${REQUIRED_TEXT}"); ` +
        'use a CJK font such as Noto Sans CJK SC or Noto Sans SC',
    );
  }
  return chosen.family;
}
