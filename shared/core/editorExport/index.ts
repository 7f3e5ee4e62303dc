export {
  editorClipSchema,
  editorExportInputSchema,
  editorRecordingSchema,
  parseEditorExportInput,
  type EditorClip,
  type EditorExportInput,
  type EditorRecording,
} from './input.js';
export type { EditorExportOptions } from './exportOptions.js';
export { planEditTimeline, type EditEvent, type EditTimeline } from './editTimeline.js';
export { FCPXML_VERSION, toFcpxml } from './fcpxml.js';
export { EDL_RECORD_START, EDL_REEL, toEdl } from './edl.js';
export { toMlt } from './mlt.js';
export {
  droppedPerMinute,
  exactFrame,
  frameAtOrAfter,
  frameAtOrBefore,
  frameToSeconds,
  framesPerSecond,
  rationalFrameRate,
  isDropFrame,
  nearestFrame,
  parseRationalTime,
  parseTimecode,
  rationalTime,
  smpteTimecode,
  timecodeBase,
  type FrameRate,
} from './frameTime.js';
export { escapeXml } from './xmlText.js';
export { fileNameOf, filePathOf, fileUrlOf } from './mediaLocation.js';
export { SUBTITLE_FORMATS, editCaptions, toSubtitles, type CaptionCue, type SubtitleFormat } from './subtitles.js';
