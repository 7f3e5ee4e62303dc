/** Frame inspection with real tools: ffmpeg extracts a frame, sharp reads its pixels. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const execFileAsync = promisify(execFile);

export async function extractFrame(video: string, atSeconds: number, outDir: string, name: string): Promise<string> {
  const out = path.join(outDir, `${name}.png`);
  await execFileAsync('ffmpeg', ['-v', 'error', '-y', '-ss', atSeconds.toFixed(3), '-i', video, '-frames:v', '1', out]);
  return out;
}

/**
 * Share of near-white pixels (all channels >= 225) in a horizontal band of the image, given as
 * fractions of its height. Burned captions are white text with a dark outline.
 */
export async function whiteShareInBand(image: string, fromY: number, toY: number): Promise<number> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const top = Math.floor(info.height * fromY);
  const bottom = Math.floor(info.height * toY);
  let white = 0;
  for (let y = top; y < bottom; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const i = (y * info.width + x) * info.channels;
      if ((data[i] ?? 0) >= 225 && (data[i + 1] ?? 0) >= 225 && (data[i + 2] ?? 0) >= 225) white += 1;
    }
  }
  return white / ((bottom - top) * info.width);
}

/** Storage key of a clip's rendered shape, from its meta.json; fails the test when the shape is missing. */
export function variantFile(meta: { variants: readonly { aspect: string; file: string }[] }, aspect: string): string {
  const variant = meta.variants.find((candidate) => candidate.aspect === aspect);
  if (!variant) throw new Error(`the clip has no ${aspect} variant (has ${meta.variants.map((v) => v.aspect).join(', ')})`);
  return variant.file;
}
