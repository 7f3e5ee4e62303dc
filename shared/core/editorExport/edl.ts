/**
 * CMX 3600 edit decision list: one cut event per edit event, picture and sound on the same event
 * (`AA/V` for stereo, `B` for mono, `V` without audio) so an import keeps them linked.
 *
 * - Source timecode counts from 00:00:00:00 at the recording's first frame (stream recordings carry no
 *   timecode of their own); record timecode starts at 01:00:00:00, the conventional programme start and
 *   the default timeline start of Resolve and Premiere.
 * - Drop-frame (`;`, `FCM: DROP FRAME`) at 29.97 and 59.94; every other rate counts non-drop at its
 *   whole-number base (23.976 counts 24).
 * - Reel `AX` (no tape): editors then match the source by `* FROM CLIP NAME:`, which therefore holds the
 *   recording's file name. The clip title goes in `* COMMENT:` and, on a clip's first event, a `* LOC:`
 *   locator. Out points are exclusive, as CMX 3600 defines them.
 */
import { InputError } from '../errors.js';
import { eventName, exportTitle, type EditorExportOptions } from './exportOptions.js';
import { type EditEvent, planEditTimeline } from './editTimeline.js';
import { isDropFrame, parseTimecode, smpteTimecode } from './frameTime.js';
import type { EditorExportInput } from './input.js';
import { fileNameOf, filePathOf } from './mediaLocation.js';

/** Reel name for file-based sources ("auxiliary"): tells the importer to match by clip name. */
export const EDL_REEL = 'AX';

/** Record timecode of the first event. */
export const EDL_RECORD_START = '01:00:00:00';

/** Event numbers have three digits. */
const MAX_EVENTS = 999;

/** CMX 3600 title lines are limited to 70 characters. */
const MAX_TITLE_LENGTH = 70;

/**
 * The clips as a CMX 3600 EDL (CRLF-free, UTF-8 only inside comments).
 * @throws InputError when the input is invalid or makes more than 999 events.
 */
export function toEdl(input: EditorExportInput, options: EditorExportOptions = {}): string {
  const timeline = planEditTimeline(input);
  if (timeline.events.length > MAX_EVENTS) {
    throw new InputError(`a CMX 3600 EDL holds at most ${MAX_EVENTS} events; these clips make ${timeline.events.length} (export fewer clips, or use FCPXML or MLT)`);
  }
  const { recording, rate } = timeline;
  const recordStart = parseTimecode(EDL_RECORD_START, rate);
  const channel = !recording.hasAudio ? 'V' : (recording.audioChannels ?? 2) >= 2 ? 'AA/V' : 'B';
  const tc = (frame: number) => smpteTimecode(frame, rate);
  const clipName = oneLine(fileNameOf(recording.path));
  const sourcePath = oneLine(filePathOf(recording.path));

  const lines = [
    `TITLE: ${asciiTitle(exportTitle(recording.name, options))}`,
    `FCM: ${isDropFrame(rate) ? 'DROP FRAME' : 'NON-DROP FRAME'}`,
    '',
  ];
  timeline.events.forEach((event: EditEvent, index) => {
    const recordIn = recordStart + event.recordIn;
    const recordOut = recordIn + (event.sourceOut - event.sourceIn);
    const number = String(index + 1).padStart(3, '0');
    lines.push(
      `${number}  ${EDL_REEL.padEnd(8)} ${channel.padEnd(6)}C        ${tc(event.sourceIn)} ${tc(event.sourceOut)} ${tc(recordIn)} ${tc(recordOut)}`,
      `* FROM CLIP NAME: ${clipName}`,
      `* SOURCE FILE: ${sourcePath}`,
      `* COMMENT: ${oneLine(eventName(event.title, event.part, event.parts))}`,
    );
    if (event.part === 0) lines.push(`* LOC: ${tc(recordIn)} YELLOW  ${oneLine(event.title)}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** A comment's text on one line: line breaks and other control characters become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * The title line in ASCII, which strict CMX readers require: accents folded (é to e), anything else
 * non-ASCII as `?`, at most 70 characters.
 */
function asciiTitle(title: string): string {
  const folded = oneLine(title).normalize('NFKD').replace(/[\u0300-\u036F]/g, '').replace(/[^\x20-\x7E]/g, '?');
  return folded.slice(0, MAX_TITLE_LENGTH).trimEnd() || 'postshow clips';
}
