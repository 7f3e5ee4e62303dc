/**
 * ASS (Advanced SubStation Alpha) documents for libass: one per target frame size, so every size in
 * the style, relative to the frame, becomes exact pixels (`PlayResX/PlayResY` = the frame).
 */
import type { CaptionStyle } from './captionStyle.js';
import { cueWords, type CaptionCue } from './cueLayout.js';
import { joinWords } from './lineBreaking.js';

/** A frame size in pixels. */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** Left and right margin, share of the frame width: keeps text off the edges and side buttons. */
const SIDE_MARGIN = 0.05;
/**
 * Width of one display column per unit of ASS font size. libass sizes a font by its line height, so a
 * Noto CJK character renders about 0.5 font sizes wide and an average Latin letter about 0.25
 * (measured on 1080x1920 renders); 0.3 leaves room for capitals and wide letters.
 */
const COLUMN_PER_FONT_SIZE = 0.3;
const STYLE_NAME = 'Caption';
const ALIGNMENT = { bottom: 2, middle: 5, top: 8 } as const;

/** ASS metrics of a style on a frame, in pixels. */
export function styleMetrics(style: CaptionStyle, frame: FrameSize) {
  const shorter = Math.min(frame.width, frame.height);
  const fontSize = Math.max(1, Math.round((style.size / 100) * shorter));
  const sideMargin = Math.round(frame.width * SIDE_MARGIN);
  // Fewer columns than the style asks for when its font is too big for the frame's width.
  const fitColumns = Math.floor((frame.width - 2 * sideMargin) / (COLUMN_PER_FONT_SIZE * fontSize));
  return {
    fontSize,
    outline: Math.round((style.outlineWidth / 100) * shorter * 10) / 10,
    shadow: Math.round((style.shadow / 100) * shorter * 10) / 10,
    sideMargin,
    verticalMargin: Math.round((style.margin / 100) * frame.height),
    maxColumns: Math.max(4, Math.min(style.maxCharsPerLine, fitColumns)),
  };
}

/** `#RRGGBB[AA]` (AA opacity) as an ASS colour `&HAABBGGRR` (AA transparency). */
export function assColour(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((offset) => hex.slice(offset, offset + 2).toUpperCase());
  return `&H${assAlpha(hex)}${b}${g}${r}`;
}

/** `#RRGGBB[AA]` as an override-tag colour `&HBBGGRR&` (colour tags carry no alpha). */
function tagColour(hex: string): string {
  return `&H${assColour(hex).slice(4)}&`;
}

/** The ASS transparency byte of `#RRGGBB[AA]` (00 opaque). */
function assAlpha(hex: string): string {
  const opacity = hex.length === 9 ? Number.parseInt(hex.slice(7, 9), 16) : 255;
  return (255 - opacity).toString(16).toUpperCase().padStart(2, '0');
}

/** `H:MM:SS.cc` (ASS times are centiseconds). */
export function assTime(seconds: number): string {
  const centis = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(centis / 360_000);
  const m = Math.floor(centis / 6000) % 60;
  const s = Math.floor(centis / 100) % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(centis % 100).padStart(2, '0')}`;
}

/** Characters libass reads as markup after a backslash: line breaks, hard space and the brace escapes. */
const AFTER_BACKSLASH = new Set(['N', 'n', 'h', '{', '}']);
/** U+2060 WORD JOINER: invisible, and stops libass pairing a backslash with the next character. */
const WORD_JOINER = '\u2060';

/**
 * Transcript text as literal ASS event text: braces are escaped (`\{`, `\}`, so `{\b1}` cannot open an
 * override block), a backslash before a letter libass would read (`\N`, `\h`) is kept apart from it by
 * an invisible word joiner, and line breaks become `\N`.
 */
export function escapeAssText(text: string): string {
  const chars = [...text.replace(/\r\n?/g, '\n')];
  let out = '';
  chars.forEach((char, index) => {
    if (char === '{' || char === '}') out += `\\${char}`;
    else if (char === '\n') out += '\\N';
    else if (char === '\\') out += AFTER_BACKSLASH.has(chars[index + 1] ?? '') ? `\\${WORD_JOINER}` : '\\';
    else out += char;
  });
  return out;
}

function scriptHeader(style: CaptionStyle, frame: FrameSize): string {
  const metrics = styleMetrics(style, frame);
  // An opaque box (BorderStyle 3) is drawn in the outline colour and padded by the outline width.
  const outlineColour = assColour(style.box ? style.boxColour : style.outlineColour);
  const styleLine = [
    STYLE_NAME,
    style.font,
    metrics.fontSize,
    assColour(style.primaryColour),
    assColour(style.highlightColour),
    outlineColour,
    // BackColour: the box's shadow, or the text's shadow (the outline colour at 60% opacity).
    assColour(style.box ? style.boxColour : `${style.outlineColour.slice(0, 7)}99`),
    style.bold ? -1 : 0,
    0, // italic
    0, // underline
    0, // strike-out
    100, // scale x
    100, // scale y
    0, // spacing
    0, // angle
    style.box ? 3 : 1,
    metrics.outline,
    metrics.shadow,
    ALIGNMENT[style.position],
    metrics.sideMargin,
    metrics.sideMargin,
    metrics.verticalMargin,
    1, // encoding: default
  ].join(',');
  return [
    '[Script Info]',
    '; Burned captions made by postshow',
    'ScriptType: v4.00+',
    `PlayResX: ${frame.width}`,
    `PlayResY: ${frame.height}`,
    // Lines are broken here by display width; libass's smart wrapping (0) only acts as a safety net.
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: None',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: ${styleLine}`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ].join('\n');
}

const dialogue = (start: number, end: number, text: string): string =>
  `Dialogue: 0,${assTime(start)},${assTime(end)},${STYLE_NAME},,0,0,0,,${text}`;

/** A cue's text with line breaks; `highlight` (a word index in reading order) is coloured. */
function cueText(cue: CaptionCue, style: CaptionStyle, highlight?: number): string {
  const on = `{\\1c${tagColour(style.highlightColour)}${highlightAlpha(style, true)}}`;
  const off = `{\\1c${tagColour(style.primaryColour)}${highlightAlpha(style, false)}}`;
  let offset = 0;
  const lines = cue.lines.map((line) => {
    const first = offset;
    offset += line.length;
    return joinWords(
      line.map((word) => word.text),
      (text, index) => (first + index === highlight ? `${on}${escapeAssText(text)}${off}` : escapeAssText(text)),
    );
  });
  return lines.join('\\N');
}

/** An alpha override when the highlight's opacity differs from the text's (colour tags carry no alpha). */
function highlightAlpha(style: CaptionStyle, on: boolean): string {
  const text = assAlpha(style.primaryColour);
  const highlight = assAlpha(style.highlightColour);
  if (text === highlight) return '';
  return `\\1a&H${on ? highlight : text}&`;
}

/**
 * Karaoke events of a cue: one per word, together tiling the cue's time. Event k runs from word k's
 * start to word k+1's (the first from the cue's start, the last to its end) and shows the whole cue
 * with word k highlighted. Word starts are clamped into the cue and kept in order, since settling may
 * have moved the cue's edges.
 */
function karaokeEvents(cue: CaptionCue, style: CaptionStyle): string[] {
  const words = cueWords(cue);
  const bounds: number[] = [cue.start];
  for (const word of words.slice(1)) bounds.push(Math.min(cue.end, Math.max(bounds.at(-1) ?? cue.start, word.start)));
  bounds.push(cue.end);
  return words.map((_, index) => dialogue(bounds[index] ?? cue.start, bounds[index + 1] ?? cue.end, cueText(cue, style, index)));
}

/** The ASS document for settled cues in a style on a frame. */
export function assDocument(cues: readonly CaptionCue[], style: CaptionStyle, frame: FrameSize): string {
  const events = cues.flatMap((cue) => (style.karaoke ? karaokeEvents(cue, style) : [dialogue(cue.start, cue.end, cueText(cue, style))]));
  return `${scriptHeader(style, frame)}\n${events.join('\n')}\n`;
}
