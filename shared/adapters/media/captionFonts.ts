/**
 * The fonts directory handed to libass, narrowed to the files of the families the captions use. libass reads every
 * font file of its fonts directory into memory for each `subtitles` filter: Debian's Noto directory holds four CJK
 * collections (93 MB), Sans and Serif, and a render burning captions into two shapes held them twice. Captions use
 * one family (Noto Sans CJK by default), whose Regular and Bold files are 40 MB; measured on a 640x360 burn, peak
 * memory 199 -> 126 MB and CPU 0.83 -> 0.48 s, with identical pixels.
 *
 * Files are matched to a family by name (every word of `Noto Sans CJK SC` but the region code in
 * `NotoSansCJK-Regular.ttc`). When a family matches no file, or every file matches, the directory is used as it
 * is. The narrowed directory is a folder of hard links (or copies) under the temp directory, made once per process
 * and reused by later ones.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;
const made = new Map<string, Promise<string>>();

/** The font families named by ASS documents' `Style:` lines (the Fontname field, second of the v4+ format). */
export function assFontFamilies(documents: readonly string[]): string[] {
  const families = new Set<string>();
  for (const document of documents) {
    for (const match of document.matchAll(/^Style:\s*[^,\n]*,([^,\n]+),/gm)) families.add(match[1]!.trim());
  }
  return [...families];
}

/** The words of a family a file name must contain: lower case, without 1-2 letter region codes (SC, TC, JP). */
function familyWords(family: string): string[] {
  return family.toLowerCase().split(/[\s_-]+/).filter((word) => word.length > 2);
}

/** The font files of `files` that belong to one of `families`; undefined when some family has no file. */
export function filesOfFamilies(files: readonly string[], families: readonly string[]): string[] | undefined {
  const fonts = files.filter((file) => FONT_FILE.test(file));
  const chosen = new Set<string>();
  for (const family of families) {
    const words = familyWords(family);
    if (words.length === 0) return undefined;
    const matching = fonts.filter((file) => {
      const name = file.toLowerCase().replace(/[\s_-]+/g, '');
      return words.every((word) => name.includes(word));
    });
    if (matching.length === 0) return undefined;
    for (const file of matching) chosen.add(file);
  }
  return [...chosen].sort();
}

/** `fontsDir`, or a directory holding only the files of `families` when that is fewer (see the module comment). */
export async function captionFontsDir(fontsDir: string, families: readonly string[]): Promise<string> {
  let files: string[];
  try {
    files = await readdir(fontsDir);
  } catch {
    return fontsDir; // libass says what is wrong with it
  }
  const chosen = filesOfFamilies(files, families);
  if (!chosen || chosen.length === 0 || chosen.length === files.filter((file) => FONT_FILE.test(file)).length) return fontsDir;
  const key = createHash('sha256').update(JSON.stringify([path.resolve(fontsDir), chosen])).digest('hex').slice(0, 16);
  let pending = made.get(key);
  if (!pending) {
    pending = linkFonts(fontsDir, chosen, path.join(os.tmpdir(), `postshow-fonts-${os.userInfo().uid}`, key)).catch(() => fontsDir);
    made.set(key, pending);
  }
  return pending;
}

async function linkFonts(fontsDir: string, files: readonly string[], target: string): Promise<string> {
  // Built aside and renamed into place, so a concurrent render never sees a half-filled directory.
  const building = `${target}.${process.pid}.${Date.now()}`;
  await mkdir(building, { recursive: true, mode: 0o700 });
  // Hard links (a copy across file systems), not symbolic ones: libass builds without fontconfig (the static
  // ffmpeg in Lambda) skip directory entries that are not regular files.
  for (const file of files) {
    const from = path.resolve(fontsDir, file);
    await link(from, path.join(building, file)).catch(() => copyFile(from, path.join(building, file)));
  }
  try {
    await rename(building, target);
  } catch {
    await rm(building, { recursive: true, force: true }); // another process made it first
  }
  return target;
}
