export type { FrameSize } from './assDocument.js';
export { assColour, assDocument, assTime, escapeAssText, styleMetrics } from './assDocument.js';
export type { ClipCaptions, ClipCaptionsRequest } from './buildClipCaptions.js';
export { buildClipCaptions, cueLines } from './buildClipCaptions.js';
export type { CaptionGate } from './captionGate.js';
export { MIN_CLIP_RELIABLE_SHARE, MIN_CUE_RELIABLE_SHARE, cueReliable, gateCues } from './captionGate.js';
export type { CaptionStyle, CaptionStyleFile, CaptionStylePreset } from './captionStyle.js';
export {
  CAPTION_POSITIONS,
  CAPTION_STYLE_PRESETS,
  CaptionStyleError,
  DEFAULT_CAPTION_FONT,
  DEFAULT_CAPTION_STYLE,
  captionStyleFileSchema,
  captionStyleFromFile,
  captionStyleSchema,
  parseCaptionStyle,
} from './captionStyle.js';
export type { CaptionWord } from './captionWords.js';
export { PHRASE_PAUSE_SECONDS, captionPhrases, segmentReliable, segmentWords, splitWords } from './captionWords.js';
export type { CaptionCue } from './cueLayout.js';
export { MIN_CUE_SECONDS, cueWords, layoutCues, settleCueTimes } from './cueLayout.js';
export { balancedLines, breakLines, displayWidth, isWide, joinWords } from './lineBreaking.js';
