export { MAX_HASHTAGS, MAX_TITLE_CHARS, clipCopy, copyMaterial, toHashtag, type ClipCopyOptions, type CopyMaterial, type KeywordsOf } from './clipCopy.js';
export { copyComplianceFlags, tripsRule } from './copyCompliance.js';
export { isSponsorRead } from './sponsorRead.js';
export { quoteClause } from './quoteClause.js';
export { showClipCopy } from './showClipCopy.js';
export { MAX_DESCRIPTION_CHARS, copyProblems, type CopyCheckContext } from './copyProblems.js';
