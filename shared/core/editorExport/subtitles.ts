/**
 * The captions of an editor export, timed to the edit: each caption (source seconds) is cut to the
 * events it overlaps and moved to where those events sit in the edit, as SRT or WebVTT. A caption cut
 * by a trim that resumes in the next event stays one cue.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { formatSrt } from '../inputs/captions.js';
import { planEditTimeline } from './editTimeline.js';
import { frameToSeconds } from './frameTime.js';
import type { EditorExportInput } from './input.js';

export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const;
export type SubtitleFormat = (typeof SUBTITLE_FORMATS)[number];

/** A caption in source seconds (a transcript segment, a cue of the show's captions). */
export interface CaptionCue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const captionsSchema = z.array(
  z
    .object({ start: z.number().finite().nonnegative(), end: z.number().finite().nonnegative(), text: z.string() })
    .refine((cue) => cue.start < cue.end, { message: 'start must be before end' }),
);

/** Cues shorter than this after cutting (a sliver of a caption at a cut) are dropped. */
const MIN_CUE_SECONDS = 0.05;

/** Two pieces of one caption this close in the edit are joined back into one cue. */
const JOIN_GAP_SECONDS = 0.001;

/**
 * The captions on the edit's timeline, in order.
 * @throws InputError when the input or a caption is invalid.
 */
export function editCaptions(input: EditorExportInput, captions: readonly CaptionCue[]): CaptionCue[] {
  const parsed = captionsSchema.safeParse(captions);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `captions.${issue.path.join('.')}: ${issue.message}`);
    throw new InputError(`invalid captions: ${problems.join('; ')}`, { cause: parsed.error });
  }
  const { events, rate } = planEditTimeline(input);
  const ordered = [...parsed.data].sort((a, b) => a.start - b.start);
  const cues: { start: number; end: number; text: string }[] = [];
  for (const event of events) {
    const sourceIn = frameToSeconds(event.sourceIn, rate);
    const sourceOut = frameToSeconds(event.sourceOut, rate);
    const shift = frameToSeconds(event.recordIn, rate) - sourceIn;
    for (const caption of ordered) {
      const start = Math.max(caption.start, sourceIn);
      const end = Math.min(caption.end, sourceOut);
      if (end - start < MIN_CUE_SECONDS || caption.text.trim() === '') continue;
      const previous = cues.at(-1);
      if (previous && previous.text === caption.text && start + shift - previous.end <= JOIN_GAP_SECONDS) previous.end = end + shift;
      else cues.push({ start: start + shift, end: end + shift, text: caption.text });
    }
  }
  return cues;
}

/**
 * The captions timed to the edit as an SRT or WebVTT file.
 * @throws InputError when the input or a caption is invalid.
 */
export function toSubtitles(input: EditorExportInput, captions: readonly CaptionCue[], format: SubtitleFormat): string {
  const cues = editCaptions(input, captions);
  if (format === 'srt') return formatSrt(cues);
  return ['WEBVTT', '', ...cues.map((cue) => `${vttTime(cue.start)} --> ${vttTime(cue.end)}\n${vttText(cue.text)}\n`)].join('\n');
}

/** `HH:MM:SS.mmm`. */
function vttTime(seconds: number): string {
  const millis = Math.max(0, Math.round(seconds * 1000));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(millis / 3_600_000))}:${pad(Math.floor(millis / 60_000) % 60)}:${pad(Math.floor(millis / 1000) % 60)}.${pad(millis % 1000, 3)}`;
}

/** Cue text as WebVTT needs it: `&`, `<` and `>` escaped (so `-->` cannot end the cue), no blank lines. */
function vttText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
