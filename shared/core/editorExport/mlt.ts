/**
 * MLT XML, the project format of Shotcut and Kdenlive and what `melt` renders: a profile matching the
 * recording, one avformat producer for it, and a playlist with one entry per edit event. An entry cuts
 * picture and sound of the producer together, so they stay in sync whatever the cuts.
 * MLT in/out points are frame numbers at the profile's rate and both inclusive (out = last frame shown).
 */
import { eventName, exportTitle, type EditorExportOptions } from './exportOptions.js';
import { planEditTimeline } from './editTimeline.js';
import type { EditorExportInput } from './input.js';
import { filePathOf } from './mediaLocation.js';
import { escapeXml } from './xmlText.js';

/**
 * The clips as an MLT XML document.
 * @throws InputError when the input is invalid.
 */
export function toMlt(input: EditorExportInput, options: EditorExportOptions = {}): string {
  const timeline = planEditTimeline(input);
  const { recording, rate } = timeline;
  const aspect = reducedRatio(recording.width, recording.height);
  const title = escapeXml(exportTitle(recording.name, options));
  const fps = Math.round((rate.num / rate.den) * 1000) / 1000;
  const lastFrame = Math.max(0, timeline.totalFrames - 1);

  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<mlt LC_NUMERIC="C" version="7.0.0" title="${title}" producer="edit">`,
    `  <profile description="${recording.width}x${recording.height} ${fps} fps" width="${recording.width}" height="${recording.height}" progressive="1" sample_aspect_num="1" sample_aspect_den="1" display_aspect_num="${aspect.num}" display_aspect_den="${aspect.den}" frame_rate_num="${rate.num}" frame_rate_den="${rate.den}" colorspace="709"/>`,
    `  <producer id="recording" in="0" out="${timeline.recordingFrames - 1}">`,
    `    <property name="length">${timeline.recordingFrames}</property>`,
    `    <property name="resource">${escapeXml(filePathOf(recording.path))}</property>`,
    '    <property name="mlt_service">avformat</property>',
    '    <property name="seekable">1</property>',
    `    <property name="shotcut:caption">${escapeXml(recording.name)}</property>`,
    '  </producer>',
    '  <playlist id="clips">',
    ...timeline.events.map((event) => [
      `    <entry producer="recording" in="${event.sourceIn}" out="${event.sourceOut - 1}">`,
      `      <property name="postshow:clip">${escapeXml(event.clipId)}</property>`,
      `      <property name="postshow:title">${escapeXml(eventName(event.title, event.part, event.parts))}</property>`,
      '    </entry>',
    ].join('\n')),
    '  </playlist>',
    `  <tractor id="edit" title="${title}" in="0" out="${lastFrame}">`,
    '    <track producer="clips"/>',
    '  </tractor>',
    '</mlt>',
    '',
  ].join('\n');
}

/** 1920x1080 as 16:9. */
function reducedRatio(width: number, height: number): { num: number; den: number } {
  const divisor = gcd(width, height);
  return { num: width / divisor, den: height / divisor };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
