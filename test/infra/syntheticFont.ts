/**
 * Builds a minimal TrueType-shaped file (name + cmap format 4 tables only) for testing the font
 * checks: a family name and the code points it maps, nothing a renderer could use.
 */
export function buildSyntheticFont(family: string, codePoints: readonly number[]): Buffer {
  const name = nameTable(family);
  const cmap = cmapTable([...new Set(codePoints)].filter((cp) => cp <= 0xfffe).sort((a, b) => a - b));
  const tables = [
    { tag: 'cmap', data: cmap },
    { tag: 'name', data: name },
  ];
  const header = Buffer.alloc(12 + tables.length * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tables.length, 4);
  let offset = header.length;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    header.write(table.tag, record, 'latin1');
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    offset += table.data.length;
  });
  return Buffer.concat([header, ...tables.map((table) => table.data)]);
}

/** Wraps font files into a TrueType collection (`ttcf`). */
export function buildSyntheticCollection(fonts: readonly Buffer[]): Buffer {
  const header = Buffer.alloc(12 + fonts.length * 4);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  let offset = header.length;
  const relocated = fonts.map((font, index) => {
    header.writeUInt32BE(offset, 12 + index * 4);
    // Table offsets in a collection are from the start of the file.
    const copy = Buffer.from(font);
    const tables = copy.readUInt16BE(4);
    for (let table = 0; table < tables; table += 1) {
      const at = 12 + table * 16 + 8;
      copy.writeUInt32BE(copy.readUInt32BE(at) + offset, at);
    }
    offset += copy.length;
    return copy;
  });
  return Buffer.concat([header, ...relocated]);
}

function nameTable(family: string): Buffer {
  const value = Buffer.from(family, 'utf16le').swap16();
  const table = Buffer.alloc(6 + 12);
  table.writeUInt16BE(0, 0);
  table.writeUInt16BE(1, 2);
  table.writeUInt16BE(table.length, 4);
  [3, 1, 0x409, 1, value.length, 0].forEach((field, index) => table.writeUInt16BE(field, 6 + index * 2));
  return Buffer.concat([table, value]);
}

/** Format 4 with one segment per code point (glyph ids 1..n) and the closing 0xFFFF segment. */
function cmapTable(codePoints: readonly number[]): Buffer {
  const segments = [...codePoints.map((cp, index) => ({ start: cp, end: cp, delta: (index + 1 - cp) & 0xffff })), { start: 0xffff, end: 0xffff, delta: 1 }];
  const count = segments.length;
  const subtable = Buffer.alloc(16 + count * 8);
  subtable.writeUInt16BE(4, 0);
  subtable.writeUInt16BE(subtable.length, 2);
  subtable.writeUInt16BE(count * 2, 6);
  segments.forEach((segment, index) => {
    subtable.writeUInt16BE(segment.end, 14 + index * 2);
    subtable.writeUInt16BE(segment.start, 16 + count * 2 + index * 2);
    subtable.writeUInt16BE(segment.delta, 16 + count * 4 + index * 2);
    subtable.writeUInt16BE(0, 16 + count * 6 + index * 2);
  });
  const header = Buffer.alloc(4 + 8);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(1, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(header.length, 8);
  return Buffer.concat([header, subtable]);
}
