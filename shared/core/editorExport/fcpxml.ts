/**
 * Final Cut Pro XML 1.9 (imported by Final Cut Pro 10.5+, DaVinci Resolve 17+ and Premiere via
 * converters): one `<asset>` for the recording carrying video and audio together, and one `<asset-clip>`
 * per event on the primary storyline. An asset-clip plays its asset's picture and sound as one clip,
 * so editors keep them linked (separate `<video>`/`<audio>` elements are what come apart in Resolve).
 * Times are rational seconds at the recording's frame duration; the sequence starts at 0s.
 */
import { eventName, exportTitle, type EditorExportOptions } from './exportOptions.js';
import { type EditEvent, type EditTimeline, planEditTimeline } from './editTimeline.js';
import { type FrameRate, isDropFrame, rationalTime } from './frameTime.js';
import type { EditorExportInput } from './input.js';
import { fileUrlOf } from './mediaLocation.js';
import { escapeXml } from './xmlText.js';

export const FCPXML_VERSION = '1.9';

/** Sample rates a `<sequence audioRate>` can name. */
const SEQUENCE_AUDIO_RATES: Readonly<Record<number, string>> = {
  32000: '32k', 44100: '44.1k', 48000: '48k', 88200: '88.2k', 96000: '96k', 176400: '176.4k', 192000: '192k',
};

const DEFAULT_AUDIO_RATE = 48000;
const DEFAULT_AUDIO_CHANNELS = 2;

/**
 * The clips as an FCPXML document.
 * @throws InputError when the input is invalid.
 */
export function toFcpxml(input: EditorExportInput, options: EditorExportOptions = {}): string {
  const timeline = planEditTimeline(input);
  const { recording, rate } = timeline;
  const time = (frames: number) => rationalTime(frames, rate);
  const tcFormat = isDropFrame(rate) ? 'DF' : 'NDF';
  const audioRate = recording.audioRate ?? DEFAULT_AUDIO_RATE;
  const audioChannels = recording.audioChannels ?? DEFAULT_AUDIO_CHANNELS;

  const audioAttributes = recording.hasAudio
    ? ` hasAudio="1" audioSources="1" audioChannels="${audioChannels}" audioRate="${audioRate}"`
    : ' hasAudio="0"';
  const sequenceAudio = recording.hasAudio
    ? ` audioLayout="${audioChannels === 1 ? 'mono' : 'stereo'}"${SEQUENCE_AUDIO_RATES[audioRate] ? ` audioRate="${SEQUENCE_AUDIO_RATES[audioRate]}"` : ''}`
    : '';
  const title = escapeXml(exportTitle(recording.name, options));

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE fcpxml>',
    `<fcpxml version="${FCPXML_VERSION}">`,
    '  <resources>',
    `    <format id="r1" frameDuration="${frameDuration(rate)}" width="${recording.width}" height="${recording.height}" colorSpace="1-1-1 (Rec. 709)"/>`,
    `    <asset id="r2" name="${escapeXml(recording.name)}" start="0s" duration="${time(timeline.recordingFrames)}" hasVideo="1" format="r1" videoSources="1"${audioAttributes}>`,
    `      <media-rep kind="original-media" src="${escapeXml(fileUrlOf(recording.path))}"/>`,
    '    </asset>',
    '  </resources>',
    '  <library>',
    `    <event name="${title}">`,
    `      <project name="${title}">`,
    `        <sequence format="r1" duration="${time(timeline.totalFrames)}" tcStart="0s" tcFormat="${tcFormat}"${sequenceAudio}>`,
    '          <spine>',
    ...timeline.events.map((event) => assetClip(event, timeline, tcFormat)),
    '          </spine>',
    '        </sequence>',
    '      </project>',
    '    </event>',
    '  </library>',
    '</fcpxml>',
    '',
  ].join('\n');
}

/** One frame, e.g. `1001/30000s`, `1/25s`. */
function frameDuration(rate: FrameRate): string {
  return `${rate.den}/${rate.num}s`;
}

/**
 * An event as an asset-clip: `offset` is where it sits in the sequence, `start` where it begins in the
 * recording. The first part of each clip carries a one-frame marker with the title, so the timeline shows
 * where every clip begins (a marker's `start` is in the clip's source time).
 */
function assetClip(event: EditEvent, timeline: EditTimeline, tcFormat: string): string {
  const time = (frames: number) => rationalTime(frames, timeline.rate);
  const name = escapeXml(eventName(event.title, event.part, event.parts));
  const open = `            <asset-clip ref="r2" offset="${time(event.recordIn)}" start="${time(event.sourceIn)}" duration="${time(event.sourceOut - event.sourceIn)}" name="${name}" format="r1" tcFormat="${tcFormat}"`;
  if (event.part > 0) return `${open}/>`;
  return [
    `${open}>`,
    `              <marker start="${time(event.sourceIn)}" duration="${time(1)}" value="${escapeXml(event.title)}" note="${escapeXml(event.clipId)}"/>`,
    '            </asset-clip>',
  ].join('\n');
}
