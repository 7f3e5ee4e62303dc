/** The show review (复盘) and the channel comparison. */
export { reviewShow, type ShowReviewBody } from './reviewShow.js';
export { byAiring, channelShowOf, compareWithChannel, median } from './channelComparison.js';
export type { ReviewClip, ShowReviewInputs } from './reviewInputs.js';
