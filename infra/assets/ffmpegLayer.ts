/**
 * Contents of the ffmpeg layer: static linux-x64 ffmpeg and ffprobe from their npm installer
 * packages (no network at synth time, no Docker) and the caption font libass renders with.
 * Lambda unpacks layers under /opt, so the media stages find them at the paths below.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CaptionFont } from './captionFont.js';
import type { StagedFile } from './staging.js';

/** Where the binaries and fonts land on Lambda; the media stages' environment points here. */
export const FFMPEG_LAYER_PATHS = {
  ffmpeg: '/opt/bin/ffmpeg',
  ffprobe: '/opt/bin/ffprobe',
  fontsDir: '/opt/fonts',
} as const;

/** The npm packages (optionalDependencies) that ship the static builds. */
export const FFMPEG_BINARIES = [
  { packageName: '@ffmpeg-installer/linux-x64', file: 'ffmpeg', target: 'bin/ffmpeg' },
  { packageName: '@ffprobe-installer/linux-x64', file: 'ffprobe', target: 'bin/ffprobe' },
] as const;

export function ffmpegLayerFiles(nodeModules: string, font: CaptionFont): StagedFile[] {
  const binaries = FFMPEG_BINARIES.map(({ packageName, file, target }) => {
    const source = path.join(nodeModules, packageName, file);
    if (!existsSync(source)) {
      throw new Error(
        `ffmpeg layer: ${source} is missing. ${packageName} is an optionalDependency that npm installs only on linux-x64; ` +
          'on another platform run `npm install --os=linux --cpu=x64` (or synth on linux-x64).',
      );
    }
    // 0755: the file in the package may lack the other-execute bit, and Lambda runs as a user that does not own /opt.
    return { source, target, mode: 0o755 };
  });
  const fontName = path.basename(font.path);
  return [
    ...binaries,
    { source: font.path, target: `fonts/${fontName}`, mode: 0o644 },
    // Outside fonts/: libass tries to load every file in its fonts directory.
    ...(font.licensePath ? [{ source: font.licensePath, target: `licenses/${fontName}.txt`, mode: 0o644 }] : []),
  ];
}
