/**
 * The fonts libass is given: only the files of the families the captions name, matched by file name; the whole
 * directory whenever that cannot be told (a family with no file of its own).
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assFontFamilies, captionFontsDir, filesOfFamilies } from '../../shared/adapters/media/captionFonts.js';

const NOTO = ['NotoSansCJK-Bold.ttc', 'NotoSansCJK-Regular.ttc', 'NotoSerifCJK-Bold.ttc', 'NotoSerifCJK-Regular.ttc', 'README'];

describe('filesOfFamilies', () => {
  it("keeps Noto Sans CJK's files and leaves the Serif collections out", () => {
    expect(filesOfFamilies(NOTO, ['Noto Sans CJK SC'])).toEqual(['NotoSansCJK-Bold.ttc', 'NotoSansCJK-Regular.ttc']);
    expect(filesOfFamilies(NOTO, ['Noto Sans CJK SC', 'Noto Serif CJK TC'])).toHaveLength(4);
  });

  it('gives up (undefined) when a family has no file: libass then gets the whole directory', () => {
    expect(filesOfFamilies(NOTO, ['Noto Sans CJK SC', 'Comic Neue'])).toBeUndefined();
    expect(filesOfFamilies(NOTO, ['SC'])).toBeUndefined();
  });
});

describe('assFontFamilies', () => {
  it("reads each Style line's Fontname", () => {
    const ass = ['[V4+ Styles]', 'Format: Name, Fontname, Fontsize', 'Style: Default,Noto Sans CJK SC,48', 'Style: Alt,Comic Neue,40', ''].join('\n');
    expect(assFontFamilies([ass, ass])).toEqual(['Noto Sans CJK SC', 'Comic Neue']);
  });
});

describe('captionFontsDir', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-fonts-test-'));
    for (const name of NOTO) await writeFile(path.join(dir, name), name);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('holds only the chosen files, once, and falls back to the directory itself', async () => {
    const narrowed = await captionFontsDir(dir, ['Noto Sans CJK SC']);
    expect(narrowed).not.toBe(dir);
    expect((await readdir(narrowed)).sort()).toEqual(['NotoSansCJK-Bold.ttc', 'NotoSansCJK-Regular.ttc']);
    expect(await readFile(path.join(narrowed, 'NotoSansCJK-Regular.ttc'), 'utf8')).toBe('NotoSansCJK-Regular.ttc');
    expect(await captionFontsDir(dir, ['Noto Sans CJK SC'])).toBe(narrowed);
    expect(await captionFontsDir(dir, ['Unknown Family'])).toBe(dir);
    expect(await captionFontsDir(dir, ['Noto Sans CJK', 'Noto Serif CJK'])).toBe(dir);
  });
});
