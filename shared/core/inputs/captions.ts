import { parseSync, stringifySync } from 'subtitle';
import type { NodeList } from 'subtitle';
import { InputError, reasonOf } from '../errors.js';
import type { ParseReport, Segment } from '../types.js';
import { ReasonTally, reportWithSkips } from './reasonTally.js';
import { CJK_CHAR, collapseWhitespace, readableText } from './textInput.js';

/** One-line description of the accepted caption formats, for error messages. */
export const ACCEPTED_CAPTION_FORMATS = 'accepted: SubRip (.srt) or WebVTT (.vtt) cues like "00:00:01,000 --> 00:00:02,500"';

/**
 * A cue timing line, more lenient than `subtitle`'s own pattern: milliseconds optional, any spacing
 * around `-->`, optional cue settings. Groups: start, end, settings.
 */
const TIMING_LINE = /^\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?)\s*-->\s*((?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d+)?)(?:\s+(.*?))?\s*$/;

/** Why a cue was skipped (the parse report's `skippedReasons` keys). */
export const CAPTION_SKIP_REASONS = {
  badTiming: 'cue timing line unreadable',
  badTime: 'cue time out of range (minutes or seconds of 60 or more)',
  endBeforeStart: 'cue ends before it starts',
  noText: 'cue has no text',
  afterEnd: "cue starts after the recording's end",
} as const;

/** Captions read from a file: the cues kept, and what was skipped and why. */
export interface ParsedCaptions {
  readonly segments: Segment[];
  readonly report: ParseReport & { readonly format: 'srt' | 'webvtt' };
}

/**
 * Parses SRT or WebVTT captions (detected by content) into segments in seconds, sorted by start (stable).
 *
 * `subtitle`'s parseSync throws on the whole file at the first surprise: WebVTT STYLE/REGION blocks, named
 * cue ids, timings without milliseconds or without spaces around `-->`. So the text is first rewritten
 * into canonical numbered cues (blocks without a timing line — header, NOTE, STYLE, REGION — dropped),
 * then parsed. Markup is stripped (`<i>`, `<c.colour>`, `<v Name>`, karaoke timestamps, `{\an8}`),
 * multi-line cue text is joined (with a space, or nothing between CJK characters).
 *
 * Like every side input, a bad cue is skipped and counted, never fatal: an unreadable timing line (its
 * text is never glued onto the cue before it), a time out of range (`99:99:99.999`), an end before the
 * start, a cue without text.
 * @throws InputError when the file is empty, binary, or holds no usable cue.
 */
export function readCaptions(text: string, name: string): ParsedCaptions {
  const content = readableText(text, `captions file ${name}`, ACCEPTED_CAPTION_FORMATS).replace(/\r\n?/g, '\n');
  const format = /^WEBVTT/.test(content) ? 'webvtt' : 'srt';
  const tally = new ReasonTally();

  const canonical = toCanonicalCues(content, tally);
  if (canonical === '') throw new InputError(`captions file ${name} has no ${tally.skipped > 0 ? `usable cues (${describeSkips(tally)})` : 'cues'}; ${ACCEPTED_CAPTION_FORMATS}`);

  let nodes: NodeList;
  try {
    nodes = parseSync(canonical);
  } catch (error) {
    // Unreachable for canonical input; kept so a library change surfaces as an input error, not a crash.
    throw new InputError(`captions file ${name} could not be parsed: ${reasonOf(error)}`, { cause: error });
  }

  const segments: Segment[] = [];
  for (const node of nodes) {
    if (node.type !== 'cue') continue;
    const cueText = cleanCueText(node.data.text);
    if (cueText === '') {
      tally.skip(CAPTION_SKIP_REASONS.noText, `cue at ${(node.data.start / 1000).toFixed(3)} s`);
      continue;
    }
    segments.push({ start: node.data.start / 1000, end: node.data.end / 1000, text: cueText });
  }
  if (segments.length === 0) throw new InputError(`captions file ${name} has no cue with text; ${ACCEPTED_CAPTION_FORMATS}`);
  segments.sort((a, b) => a.start - b.start);
  return { segments, report: tally.report(format, segments.length) };
}

/** {@link readCaptions}' segments, for callers that have no report to keep (editor input, evaluation). */
export function parseCaptions(text: string, name: string): Segment[] {
  return readCaptions(text, name).segments;
}

/**
 * The captions without what lies past the recording's end: cues starting at or after it are skipped
 * (counted), cues running past it end with it. Ingest parses while the recording is probed and applies
 * the end once the duration is known, as it does for chat.
 */
export function endCaptionsAt(parsed: ParsedCaptions, durationSeconds: number): ParsedCaptions {
  const segments = parsed.segments.filter((segment) => segment.start < durationSeconds).map((segment) => (segment.end > durationSeconds ? { ...segment, end: durationSeconds } : segment));
  const dropped = parsed.segments.length - segments.length;
  if (dropped === 0) return { segments, report: parsed.report };
  if (segments.length === 0) {
    throw new InputError(`captions start after the recording ends (first cue at ${parsed.segments[0]?.start.toFixed(3)} s, recording ${durationSeconds.toFixed(3)} s): are they for this recording?`);
  }
  return { segments, report: reportWithSkips(parsed.report, CAPTION_SKIP_REASONS.afterEnd, dropped, segments.length) };
}

function describeSkips(tally: ReasonTally): string {
  const top = tally.topReason();
  return top === undefined ? 'no timing lines' : `${top.count} × ${top.reason}`;
}

/**
 * A line meant as a cue timing that TIMING_LINE cannot read: a number then an arrow, or a clock then a dash,
 * another clock or nothing. Caption text may hold an arrow ("a --> b"), so an arrow alone is not enough.
 */
const BROKEN_TIMING_LINE = /^\s*\d\S*\s*-->|^\s*\d{1,2}:\d{1,2}:\d{1,2}([.,]\d+)?\s*(-|$|\d{1,2}:\d{1,2})/;

interface RawCue {
  readonly start: string;
  readonly end: string;
  readonly lines: string[];
  /** Where the cue was found, for the report's first-skipped note. */
  readonly where: string;
}

/**
 * Rewrites SRT/WebVTT text as numbered cues with canonical `HH:MM:SS.mmm --> HH:MM:SS.mmm` timings.
 * Cues with an unreadable timing line, a time out of range or an end before their start are skipped and
 * counted in `tally`. Returns '' when none remain.
 */
function toCanonicalCues(content: string, tally: ReasonTally): string {
  const cues: RawCue[] = [];
  /** The last block ended in a cue whose timing could not be read: its text is skipped, not merged. */
  let skippingBrokenCue = false;
  // Blocks are separated by blank lines. A SRT block without a timing line that follows a cue is the
  // continuation of a cue text that (illegally, but commonly) contained a blank line.
  for (const block of content.split(/\n[ \t]*\n/)) {
    const lines = block.split('\n');
    const timingAt = lines.findIndex((line) => TIMING_LINE.test(line));
    const brokenAt = lines.findIndex((line) => !TIMING_LINE.test(line) && BROKEN_TIMING_LINE.test(line));
    if (timingAt < 0 && brokenAt < 0) {
      const previous = cues.at(-1);
      if (!skippingBrokenCue && previous !== undefined && !isVttNonCueBlock(lines[0] ?? '') && !/^\s*\d+\s*$/.test(block)) previous.lines.push(...lines);
      continue;
    }
    // Lines before the first timing line (readable or not) are the cue id (SRT index or WebVTT identifier).
    const first = timingAt < 0 ? brokenAt : brokenAt < 0 ? timingAt : Math.min(timingAt, brokenAt);
    let current: RawCue | undefined;
    skippingBrokenCue = false;
    for (const line of lines.slice(first)) {
      const timing = TIMING_LINE.exec(line);
      if (timing !== null || BROKEN_TIMING_LINE.test(line)) {
        // Several cues without blank lines between them: a bare number right before a timing is an index.
        if (current !== undefined && /^\s*\d+\s*$/.test(current.lines.at(-1) ?? '')) current.lines.pop();
        if (timing === null) {
          tally.skip(CAPTION_SKIP_REASONS.badTiming, `"${line.trim().slice(0, 60)}"`);
          current = undefined;
          skippingBrokenCue = true;
          continue;
        }
        skippingBrokenCue = false;
        current = { start: timing[1] ?? '', end: timing[2] ?? '', lines: [], where: `"${line.trim().slice(0, 60)}"` };
        cues.push(current);
      } else {
        current?.lines.push(line);
      }
    }
  }
  const canonical: string[] = [];
  for (const cue of cues) {
    const start = canonicalTimestamp(cue.start);
    const end = canonicalTimestamp(cue.end);
    if (start === undefined || end === undefined) tally.skip(CAPTION_SKIP_REASONS.badTime, cue.where);
    else if (toMs(end) < toMs(start)) tally.skip(CAPTION_SKIP_REASONS.endBeforeStart, cue.where);
    else canonical.push(`${canonical.length + 1}\n${start} --> ${end}\n${cue.lines.filter((l) => l.trim() !== '').map(guardNote).join('\n')}\n`);
  }
  return canonical.join('\n');
}

/**
 * `subtitle` treats any text line starting with `NOTE` as the start of a WebVTT comment and drops the rest of
 * the cue; a leading space (trimmed again by {@link cleanCueText}) keeps "NOTE: …" captions as text.
 */
function guardNote(line: string): string {
  return line.startsWith('NOTE') ? ` ${line}` : line;
}

/** WebVTT blocks that are never cue text: the header, comments, style sheets and regions. */
function isVttNonCueBlock(firstLine: string): boolean {
  return /^(WEBVTT|NOTE|STYLE|REGION)(\s|$)/.test(firstLine.trim());
}

/**
 * `1:02,5` -> `00:01:02.500`: hours added, comma to dot, fraction as milliseconds (not digits) padded to 3.
 * Undefined when minutes or seconds are 60 or more (`99:99:99.999`): a clock no tool writes, not a time to guess.
 */
function canonicalTimestamp(raw: string): string | undefined {
  const [clock = '', fraction = ''] = raw.split(/[.,]/);
  const parts = clock.split(':').map((p) => p.padStart(2, '0'));
  while (parts.length < 3) parts.unshift('00');
  if (parts.slice(1).some((part) => Number(part) >= 60)) return undefined;
  const ms = (fraction + '000').slice(0, 3);
  return `${parts.join(':')}.${ms}`;
}

function toMs(canonical: string): number {
  const [clock = '', ms = '0'] = canonical.split('.');
  const [h = 0, m = 0, s = 0] = clock.split(':').map(Number);
  return ((h * 60 + m) * 60 + s) * 1000 + Number(ms);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Caption text without markup, lines joined, whitespace collapsed. */
function cleanCueText(raw: string): string {
  const lines = raw
    .split('\n')
    .map((line) =>
      line
        // ASS/SSA override blocks that SRT files borrow: {\an8}, {\i1}, {\c&H00FFFF&}.
        .replace(/\{\\[^}]*\}/g, '')
        // Tags: <i>, </b>, <font color="…">, <c.yellow>, <v Bob>, <lang en>, and karaoke <00:00:01.000>.
        // A letter or digit must follow `<`, so a literal "a < b" survives.
        .replace(/<\/?(?:[A-Za-z][^<>]*|\d[\d:.]*)>/g, '')
        .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
        .trim(),
    )
    .filter((line) => line !== '');
  let joined = '';
  for (const line of lines) {
    if (joined === '') joined = line;
    // Chinese and Japanese are written without spaces: a line break between two CJK characters is not a space.
    else joined += CJK_CHAR.test(joined.at(-1) ?? '') && CJK_CHAR.test(line[0] ?? '') ? line : ` ${line}`;
  }
  return collapseWhitespace(joined);
}

function decodeEntity(match: string, body: string): string {
  const lower = body.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  }
  return ENTITIES[lower] ?? match;
}

/** The latest time `subtitle`'s formatter can write: it formats through a Date, so 24 h would wrap to 00:00. */
const MAX_SRT_SECONDS = 24 * 3600;

/**
 * Formats segments as SRT (for burned-in clip captions), numbered from 1 in the given order.
 * Times are rounded to milliseconds; negative times are clamped to 0 and an end before its start to the start.
 * @throws RangeError when a time is 24 h or later (clip-relative times never are).
 */
export function formatSrt(segments: readonly Segment[]): string {
  const nodes: NodeList = segments.map((segment) => {
    const start = Math.max(0, Math.round(segment.start * 1000));
    const end = Math.max(start, Math.round(segment.end * 1000));
    if (end >= MAX_SRT_SECONDS * 1000) throw new RangeError(`caption time ${segment.end}s is beyond the 24 h an SRT clip can hold`);
    // A blank line would end the cue early in SRT: keep line breaks, drop empty lines.
    const text = segment.text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join('\n');
    return { type: 'cue', data: { start, end, text } };
  });
  return stringifySync(nodes, { format: 'SRT' });
}
