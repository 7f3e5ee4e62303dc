export { isQuestion } from './isQuestion.js';
export { isReaction } from './isReaction.js';
export { isViewerText } from './isViewerText.js';
export {
  DEFAULT_CHAT_LAG_SECONDS,
  DEFAULT_MAX_LAG_SECONDS,
  DEFAULT_MIN_LAG_SECONDS,
  estimateChatLag,
  type ChatLagEstimate,
  type ChatLagEvidence,
  type ChatLagInput,
  type DefaultChatLag,
  type MeasuredChatLag,
} from './chatLag.js';
export { describeChatLag, type ChatLagSummary } from './describeChatLag.js';
export { MAX_QUOTE_LINE_CHARS, containsPersonalData, isShowableChat, quotableChatLines, screenChatLine, type ChatScreenReason, type ChatScreenResult } from './screenChatLine.js';
