/**
 * Just enough of the OpenType format to check a caption font at synth time: the family names
 * libass matches `FontName=` against (name table, ID 1) and whether the face maps given code
 * points (cmap formats 4 and 12). TrueType, CFF-flavoured OpenType and collections (.ttc) are
 * read; web formats are recognised only to be refused, because libass cannot load them.
 */

export interface FontFace {
  /** Family name (name ID 1), as libass and fontconfig match it. */
  readonly family: string;
  /** Whether the face has a glyph for every code point asked about. */
  readonly covers: (codePoints: readonly number[]) => boolean;
}

const TRUETYPE = 0x00010000;
const TAGS = { otto: 0x4f54544f, true: 0x74727565, ttcf: 0x74746366, wOFF: 0x774f4646, wOF2: 0x774f4632 } as const;

/** Every face in a font file (one, or several for a collection). Throws on web or unknown formats. */
export function readFontFaces(data: Buffer): FontFace[] {
  if (data.length < 12) throw new Error('not a font file (too short)');
  const tag = data.readUInt32BE(0);
  if (tag === TAGS.wOFF || tag === TAGS.wOF2) {
    throw new Error('is a WOFF/WOFF2 web font; libass (ffmpeg captions) needs TTF, OTF or TTC');
  }
  if (tag === TAGS.ttcf) {
    const count = data.readUInt32BE(8);
    return Array.from({ length: count }, (_, index) => readFace(data, data.readUInt32BE(12 + index * 4)));
  }
  if (tag === TRUETYPE || tag === TAGS.otto || tag === TAGS.true) return [readFace(data, 0)];
  throw new Error('not a TrueType/OpenType font (unknown signature)');
}

function readFace(data: Buffer, offset: number): FontFace {
  const tables = new Map<string, number>();
  const numTables = data.readUInt16BE(offset + 4);
  for (let index = 0; index < numTables; index += 1) {
    const record = offset + 12 + index * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  const nameOffset = tables.get('name');
  const cmapOffset = tables.get('cmap');
  if (nameOffset === undefined || cmapOffset === undefined) throw new Error('font face lacks a name or cmap table');
  const lookup = cmapLookup(data, cmapOffset);
  return { family: familyName(data, nameOffset), covers: (codePoints) => codePoints.every(lookup) };
}

/** Name ID 1, preferring the Windows English (US) record, which is what fontconfig reports first. */
function familyName(data: Buffer, table: number): string {
  const count = data.readUInt16BE(table + 2);
  const strings = table + data.readUInt16BE(table + 4);
  let best: { rank: number; value: string } | undefined;
  for (let index = 0; index < count; index += 1) {
    const record = table + 6 + index * 12;
    const [platform, encoding, language, nameId, length, at] = [0, 2, 4, 6, 8, 10].map((field) => data.readUInt16BE(record + field)) as [
      number, number, number, number, number, number,
    ];
    if (nameId !== 1) continue;
    const bytes = data.subarray(strings + at, strings + at + length);
    const value = platform === 3 || platform === 0 ? utf16be(bytes) : platform === 1 && encoding === 0 ? bytes.toString('latin1') : undefined;
    if (value === undefined) continue;
    const rank = platform === 3 && language === 0x409 ? 0 : platform === 3 ? 1 : 2;
    if (!best || rank < best.rank) best = { rank, value };
  }
  if (!best) throw new Error('font face has no family name');
  return best.value;
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/** A code point -> has-glyph test from the best Unicode cmap subtable (format 12, else format 4). */
function cmapLookup(data: Buffer, table: number): (codePoint: number) => boolean {
  const count = data.readUInt16BE(table + 2);
  const subtables: { format: number; offset: number }[] = [];
  for (let index = 0; index < count; index += 1) {
    const record = table + 4 + index * 8;
    const platform = data.readUInt16BE(record);
    const encoding = data.readUInt16BE(record + 2);
    const offset = table + data.readUInt32BE(record + 4);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push({ format: data.readUInt16BE(offset), offset });
  }
  const full = subtables.find((subtable) => subtable.format === 12);
  if (full) return format12(data, full.offset);
  const basic = subtables.find((subtable) => subtable.format === 4);
  if (basic) return format4(data, basic.offset);
  return () => false;
}

function format12(data: Buffer, offset: number): (codePoint: number) => boolean {
  const groups = data.readUInt32BE(offset + 12);
  return (codePoint) => {
    for (let index = 0; index < groups; index += 1) {
      const group = offset + 16 + index * 12;
      const start = data.readUInt32BE(group);
      const end = data.readUInt32BE(group + 4);
      if (codePoint >= start && codePoint <= end) return data.readUInt32BE(group + 8) + (codePoint - start) !== 0;
    }
    return false;
  };
}

function format4(data: Buffer, offset: number): (codePoint: number) => boolean {
  const segments = data.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    if (codePoint > 0xffff) return false;
    for (let index = 0; index < segments; index += 1) {
      if (codePoint > data.readUInt16BE(ends + index * 2)) continue;
      const start = data.readUInt16BE(starts + index * 2);
      if (codePoint < start) return false;
      const delta = data.readUInt16BE(deltas + index * 2);
      const rangeAt = rangeOffsets + index * 2;
      const rangeOffset = data.readUInt16BE(rangeAt);
      if (rangeOffset === 0) return ((codePoint + delta) & 0xffff) !== 0;
      const glyph = data.readUInt16BE(rangeAt + rangeOffset + (codePoint - start) * 2);
      return glyph !== 0 && ((glyph + delta) & 0xffff) !== 0;
    }
    return false;
  };
}
