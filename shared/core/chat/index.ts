export { isQuestion } from './isQuestion.js';
export { isReaction } from './isReaction.js';
