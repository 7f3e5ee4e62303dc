/**
 * Side-input bytes to text. Windows tools write UTF-16 with a byte-order mark, Chinese tools GBK or GB18030
 * (bilibili danmaku savers declare it in the XML prolog), everything else UTF-8. Decoding goes through the
 * WHATWG TextDecoder built into Node (full ICU: utf-16le/be, gb18030, gbk, big5), never a hand-written table.
 * Pure: no I/O.
 */
import { InputError } from '../errors.js';

/** What decodeTextInput read the bytes as. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Decoded text and the encoding it was read in. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/** Bytes looked at for a declaration or a UTF-16 pattern: the XML prolog and a few lines are well inside. */
const SNIFF_BYTES = 4096;

/** Declared names (lower case) and the decoder each maps to. GBK and GB2312 are subsets of GB18030. */
const DECLARED: Readonly<Record<string, TextEncoding>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  big5: 'big5',
};

/**
 * The text of a side-input file. In order: a byte-order mark; a BOM-less UTF-16 file (ASCII characters leave
 * every other byte NUL); a declared encoding (`<?xml … encoding="GBK"?>`); valid UTF-8; else GB18030 when
 * the bytes decode cleanly and read as Chinese. Anything else is an InputError that names the encoding
 * problem (and where), so the user knows to re-save the file as UTF-8.
 * @param subject how messages name the file, e.g. `chat log show.xml`
 */
export function decodeTextInput(bytes: Uint8Array, subject: string): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new InputError(`${subject} is UTF-32 text, which is not supported; save it as UTF-8`);
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strict(bytes.subarray(3), 'utf-8', subject);
  if (startsWith(bytes, [0xff, 0xfe])) return strict(bytes.subarray(2), 'utf-16le', subject);
  if (startsWith(bytes, [0xfe, 0xff])) return strict(bytes.subarray(2), 'utf-16be', subject);
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return strict(bytes, utf16, subject);

  // NULs that are not UTF-16's: binary data, which the parsers refuse as such (readableText) once decoded.
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const declared = declaredEncoding(bytes);
  if (declared) return strict(bytes, declared, subject);
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const chinese = tryDecode(bytes, 'gb18030');
  if (chinese !== undefined && readsAsChinese(chinese)) return { text: chinese, encoding: 'gb18030' };
  const offset = firstInvalidUtf8(bytes);
  throw new InputError(
    `${subject} is not UTF-8, UTF-16 or GB18030 text (invalid UTF-8 byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}); save it as UTF-8`,
  );
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** Decodes or throws an InputError naming the encoding: a file that says what it is must be that. */
function strict(bytes: Uint8Array, encoding: TextEncoding, subject: string): DecodedText {
  const text = tryDecode(bytes, encoding);
  if (text === undefined) throw new InputError(`${subject} is not valid ${encoding.toUpperCase()} text (its byte-order mark or declaration says it is); save it as UTF-8`);
  return { text, encoding };
}

function tryDecode(bytes: Uint8Array, encoding: TextEncoding): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * UTF-16 without a mark: in the text formats accepted here most characters are ASCII, which UTF-16 writes
 * with a NUL high byte. Nearly all NULs on odd offsets is little-endian, on even offsets big-endian. Binary
 * files have NULs on both, and UTF-8 text has none.
 */
function bomlessUtf16(bytes: Uint8Array): TextEncoding | undefined {
  const head = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
  if (head.length < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? even++ : odd++;
  const pairs = head.length / 2;
  if (odd > pairs * 0.3 && even === 0) return 'utf-16le';
  if (even > pairs * 0.3 && odd === 0) return 'utf-16be';
  return undefined;
}

/** The encoding an XML prolog (or an HTML-style `charset=`) declares in the first bytes, when known. */
function declaredEncoding(bytes: Uint8Array): TextEncoding | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.-]+)["']/i.exec(head) ?? /<meta[^>]*charset\s*=\s*["']?([\w.-]+)/i.exec(head);
  return match ? DECLARED[(match[1] ?? '').toLowerCase()] : undefined;
}

/**
 * True when GB18030-decoded text reads as Chinese: most non-ASCII characters are Han or CJK punctuation.
 * Latin-1 or Windows-1252 text also decodes as GB18030 (into nonsense pairs of rare characters), so a
 * clean decode alone is no proof.
 */
function readsAsChinese(text: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue;
    nonAscii++;
    if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/u.test(char)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= 0.9;
}

/** Offset of the first byte that breaks UTF-8, for the error message: where the lenient decode first substitutes. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\ufffd');
  return at < 0 ? 0 : new TextEncoder().encode(lenient.slice(0, at)).length;
}
