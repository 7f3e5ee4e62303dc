/**
 * Small text helpers shared by the side-input parsers: BOM removal, binary sniffing and bounding.
 * Pure: no I/O.
 */

import { InputError } from '../errors.js';

/** Drops a leading UTF-8 byte-order mark (editors on Windows add one; it would break format sniffing). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * How much of the start of a file to inspect when sniffing for binary content, in UTF-16 code units.
 * @default 4096 — enough to see past a media header, cheap on multi-megabyte logs.
 */
const SNIFF_LENGTH = 4096;

/**
 * Share of U+FFFD replacement characters above which decoded text is taken to be binary.
 * Real UTF-8 text decodes with none; a few stray ones are tolerated (a truncated multi-byte tail).
 * @default 0.05
 */
const MAX_REPLACEMENT_SHARE = 0.05;

/** True when text decoded from a file looks like binary data (NUL bytes, or many undecodable bytes). */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, SNIFF_LENGTH);
  if (head.length === 0) return false;
  let replacements = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    // NUL never occurs in any of the text formats we accept; it is the surest sign of binary.
    if (code === 0) return true;
    if (code === 0xfffd) replacements++;
  }
  return replacements / head.length > MAX_REPLACEMENT_SHARE;
}

/** Collapses whitespace runs (including newlines and NBSP) to one space, drops control characters, trims. */
export function collapseWhitespace(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `maxChars` characters (code points, so emoji and CJK are never split in half). */
export function boundText(text: string, maxChars: number): string {
  // Fast path: UTF-16 length is an upper bound on the code-point count.
  if (text.length <= maxChars) return text;
  const codePoints = Array.from(text);
  return codePoints.length <= maxChars ? text : codePoints.slice(0, maxChars).join('');
}

/** Characters of scripts written without spaces between words (Han, kana, Hangul, CJK punctuation). */
export const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** True when the text contains at least one CJK character. */
export function containsCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/**
 * The file's text ready for format sniffing: BOM removed, and rejected when there is nothing to read.
 * @param subject how messages name the file, e.g. `chat log show.jsonl`
 * @param expected what the file should hold, appended to the binary-data message
 * @throws InputError "<subject> is empty" or "<subject> looks like binary data; <expected>"
 */
export function readableText(text: string, subject: string, expected: string): string {
  const content = stripBom(text);
  if (content.trim() === '') throw new InputError(`${subject} is empty`);
  if (looksBinary(content)) throw new InputError(`${subject} looks like binary data, not text; ${expected}`);
  return content;
}

/** Parses a number given as a JS number or a plain decimal string (`12`, `-3.5`, `1e3`); NaN otherwise. */
export function parsePlainNumber(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw !== 'string') return Number.NaN;
  const trimmed = raw.trim();
  // Number('') is 0 and Number('0x10') is 16: accept only plain decimals so typos are reported, not guessed.
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
