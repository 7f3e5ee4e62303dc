export { AudioFeatureMeter, type AudioFeatureOptions, type AudioFeatures } from './audioFeatures.js';
export { LOUDNESS_FLOOR_LUFS, LoudnessMeter } from './loudnessMeter.js';
export { SilenceDetector } from './silenceDetector.js';
