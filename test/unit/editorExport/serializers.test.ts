import { describe, expect, it } from 'vitest';
import { toEdl, toFcpxml, toMlt } from '../../../shared/core/editorExport/index.js';
import { InputError } from '../../../shared/core/errors.js';
import { edlEvents, fcpxmlClips, mltEntries, xmlElements } from '../../helpers/editorExportReaders.js';
import { HOSTILE_TITLE, NTSC_INPUT, PAL_INPUT, spansOf } from './fixtures.js';

const PAL_FRAME = 1 / 25;
const NTSC_FRAME = 1001 / 30000;

describe('toFcpxml', () => {
  it('cuts one asset-clip per span whose start and duration read back within a frame of the span, laid end to end', () => {
    for (const [input, frame] of [[PAL_INPUT, PAL_FRAME], [NTSC_INPUT, NTSC_FRAME]] as const) {
      const clips = fcpxmlClips(toFcpxml(input));
      const spans = spansOf(input);
      expect(clips).toHaveLength(spans.length);
      let offset = 0;
      clips.forEach((clip, index) => {
        expect(Math.abs(clip.start - spans[index]!.start)).toBeLessThanOrEqual(frame);
        expect(Math.abs(clip.start + clip.duration - spans[index]!.end)).toBeLessThanOrEqual(frame);
        // Frame-aligned: every time is a whole number of frames.
        for (const time of [clip.offset, clip.start, clip.duration]) expect(Math.abs(time / frame - Math.round(time / frame))).toBeLessThan(1e-9);
        expect(clip.offset).toBeCloseTo(offset, 9);
        offset += clip.duration;
      });
      const total = spans.reduce((sum, span) => sum + span.end - span.start, 0);
      expect(Math.abs(offset - total)).toBeLessThanOrEqual(frame / 2);
    }
  });

  it('declares one asset with video and audio at the recording rate, a file URL in media-rep, and DF timecode at 29.97', () => {
    const elements = xmlElements(toFcpxml(NTSC_INPUT));
    const byName = (name: string) => elements.filter((element) => element.name === name);
    expect(byName('fcpxml')[0]!.attributes.version).toBe('1.9');
    expect(byName('format')[0]!.attributes).toMatchObject({ frameDuration: '1001/30000s', width: '1280', height: '720' });
    expect(byName('asset')).toHaveLength(1);
    expect(byName('asset')[0]!.attributes).toMatchObject({ hasVideo: '1', hasAudio: '1', audioChannels: '1', format: 'r1', start: '0s' });
    expect(byName('asset')[0]!.attributes.src).toBeUndefined();
    expect(byName('media-rep')[0]!.attributes).toEqual({ kind: 'original-media', src: 'file:///Volumes/Media/show.mov' });
    expect(byName('sequence')[0]!.attributes).toMatchObject({ tcFormat: 'DF', tcStart: '0s', audioLayout: 'mono', audioRate: '48k' });
    // Picture and sound stay one clip: no separate video or audio elements that an import could unlink.
    expect(byName('asset-clip').every((clip) => clip.attributes.ref === 'r2' && clip.attributes.srcEnable === undefined)).toBe(true);
    expect(byName('video').length + byName('audio').length).toBe(0);
  });

  it('keeps a hostile title as text in the clip name and marker, and percent-encodes the path', () => {
    const xml = toFcpxml(PAL_INPUT);
    const clips = fcpxmlClips(xml);
    expect(clips[0]!.name).toBe(HOSTILE_TITLE);
    expect(clips[0]!.markers).toEqual([{ start: clips[0]!.start, value: HOSTILE_TITLE }]);
    expect(clips.map((clip) => clip.name)).toEqual([HOSTILE_TITLE, 'Trimmed (1/2)', 'Trimmed (2/2)', 'Last']);
    expect(xmlElements(xml).filter((element) => element.name === 'x')).toEqual([]);
    const src = xmlElements(xml).find((element) => element.name === 'media-rep')!.attributes.src;
    expect(src).toBe('file:///media/shows/%E7%9B%B4%E6%92%AD%20%231/show.mp4');
    expect(decodeURIComponent(new URL(src!).pathname)).toBe(PAL_INPUT.recording.path);
  });

  it('throws InputError for a span outside the recording', () => {
    const late = { ...PAL_INPUT, clips: [{ id: 'x', title: 'x', start: 590, end: 601 }] };
    expect(() => toFcpxml(late)).toThrow(InputError);
    expect(() => toEdl(late)).toThrow(/past the recording's end/);
    expect(() => toMlt(late)).toThrow(InputError);
  });
});

describe('toEdl', () => {
  it('writes CMX 3600 cut events with exact source and record timecodes (25 fps, non-drop)', () => {
    const edl = toEdl(PAL_INPUT, { title: 'Show 直播 é' });
    expect(edl.split('\n').slice(0, 8)).toEqual([
      'TITLE: Show ?? e',
      'FCM: NON-DROP FRAME',
      '',
      // frames 271-637 of the recording, first in the programme at 01:00:00:00; out points exclusive
      '001  AX       AA/V  C        00:00:10:21 00:00:25:12 01:00:00:00 01:00:14:16',
      '* FROM CLIP NAME: show.mp4',
      '* SOURCE FILE: /media/shows/直播 #1/show.mp4',
      `* COMMENT: ${HOSTILE_TITLE}`,
      `* LOC: 01:00:00:00 YELLOW  ${HOSTILE_TITLE}`,
    ]);
    expect(edl).toContain('002  AX       AA/V  C        00:01:40:22 00:01:50:12 01:00:14:16 01:00:24:06\n');
    expect(edl).toContain('003  AX       AA/V  C        00:02:00:17 00:02:10:07 01:00:24:06 01:00:33:21\n* FROM CLIP NAME: show.mp4\n* SOURCE FILE: /media/shows/直播 #1/show.mp4\n* COMMENT: Trimmed (2/2)\n\n');
    expect(edl).toContain('004  AX       AA/V  C        00:08:20:00 00:08:52:00 01:00:33:21 01:01:05:21\n');
  });

  it('reads back within a frame of every span at 29.97 drop-frame, record times contiguous from 01:00:00;00', () => {
    const rate = NTSC_INPUT.recording.fps;
    const edl = toEdl(NTSC_INPUT);
    expect(edl).toContain('FCM: DROP FRAME\n');
    expect(edl).toContain('001  AX       B     C        00:00:59;25 00:01:01;06 01:00:00;00 01:00:01;09');
    const events = edlEvents(edl, rate);
    const spans = spansOf(NTSC_INPUT);
    expect(events.map((event) => event.number)).toEqual([1, 2, 3]);
    let record = 107892; // 01:00:00;00
    events.forEach((event, index) => {
      expect(event.reel).toBe('AX');
      expect(event.channels).toBe('B'); // mono: video and audio channel 1 on one event
      expect(Math.abs(event.sourceIn * NTSC_FRAME - spans[index]!.start)).toBeLessThanOrEqual(NTSC_FRAME);
      expect(Math.abs(event.sourceOut * NTSC_FRAME - spans[index]!.end)).toBeLessThanOrEqual(NTSC_FRAME);
      expect(event.recordIn).toBe(record);
      expect(event.recordOut - event.recordIn).toBe(event.sourceOut - event.sourceIn);
      record = event.recordOut;
    });
  });

  it('marks picture-only recordings V and keeps a multi-line title on one comment line', () => {
    const input = { ...PAL_INPUT, recording: { ...PAL_INPUT.recording, hasAudio: false }, clips: [{ id: 'a', title: 'line one\r\nline two\u0007', start: 1, end: 2 }] };
    const edl = toEdl(input);
    expect(edlEvents(edl, input.recording.fps).map((event) => [event.channels, event.comments])).toEqual([
      ['V', ['FROM CLIP NAME: show.mp4', 'SOURCE FILE: /media/shows/直播 #1/show.mp4', 'COMMENT: line one line two', 'LOC: 01:00:00:00 YELLOW  line one line two']],
    ]);
  });
});

describe('toMlt', () => {
  it('profiles the recording and plays one entry per span, in/out inclusive frames within a frame of the span', () => {
    const xml = toMlt(NTSC_INPUT);
    const elements = xmlElements(xml);
    expect(elements.find((element) => element.name === 'profile')!.attributes).toMatchObject({
      width: '1280', height: '720', frame_rate_num: '30000', frame_rate_den: '1001', progressive: '1',
      sample_aspect_num: '1', sample_aspect_den: '1', display_aspect_num: '16', display_aspect_den: '9', colorspace: '709',
    });
    const resource = elements.find((element) => element.name === 'property' && element.attributes.name === 'resource');
    expect(resource!.text).toBe('/Volumes/Media/show.mov');
    const entries = mltEntries(xml);
    const spans = spansOf(NTSC_INPUT);
    entries.forEach((entry, index) => {
      expect(Math.abs(entry.in * NTSC_FRAME - spans[index]!.start)).toBeLessThanOrEqual(NTSC_FRAME);
      expect(Math.abs((entry.out + 1) * NTSC_FRAME - spans[index]!.end)).toBeLessThanOrEqual(NTSC_FRAME);
    });
    const frames = entries.reduce((sum, entry) => sum + entry.out - entry.in + 1, 0);
    const tractor = elements.find((element) => element.name === 'tractor')!;
    expect(Number(tractor.attributes.out) + 1).toBe(frames);
  });

  it('escapes a hostile title and names trimmed parts', () => {
    const entries = mltEntries(toMlt(PAL_INPUT, { title: '<b>&' }));
    expect(entries.map((entry) => entry.title)).toEqual([HOSTILE_TITLE, 'Trimmed (1/2)', 'Trimmed (2/2)', 'Last']);
    expect(xmlElements(toMlt(PAL_INPUT, { title: '<b>&' })).find((element) => element.name === 'mlt')!.attributes.title).toBe('<b>&');
  });
});
