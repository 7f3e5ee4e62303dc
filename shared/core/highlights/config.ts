/**
 * Named thresholds of the highlight detector, with their units and documented defaults
 * (PySceneDetect style: every knob is data, nothing is buried in code).
 *
 * Signal values are on a normalised, z-like scale: 0 = the show's own baseline, 3 ≈ "three robust
 * spreads above it", clamped to [0, signalCeiling). Every threshold and weight below is in those units.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { checkRunSettingRules, MAX_CLIPS, RUN_SETTINGS } from '../settings/runSettings.js';
import { SIGNAL_NAMES } from '../schemas/highlight.js';
import type { SignalName } from '../types.js';

export { SIGNAL_NAMES } from '../schemas/highlight.js';

/** A non-negative number per signal; each key defaults independently. */
function perSignal(defaults: Readonly<Record<SignalName, number>>) {
  const shape = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, z.number().min(0).default(defaults[name])])) as Record<
    SignalName,
    z.ZodDefault<z.ZodNumber>
  >;
  return z.object(shape).strict().prefault({});
}

const seconds = (min: number, max: number, fallback: number) => z.number().min(min).max(max).default(fallback);

/** Schema of the highlight configuration; every field is optional on input and has a default. */
export const highlightConfigSchema = z
  .object({
    /**
     * Weight of each signal in the fused score (dimensionless).
     * Audience actions (chat bursts, paid messages, orders) weigh most because they are the clearest evidence
     * that a moment landed (viewers spend money on it); gifts a little less, because platforms with free gifts
     * (bilibili's 辣条) see them sent out of habit; speech sentiment weighs least because lexicon scores of
     * spoken text are noisy.
     */
    weights: perSignal({
      loudness: 1,
      speechRate: 0.75,
      speechSentiment: 0.5,
      mentions: 0.75,
      chatRate: 1.5,
      chatSentiment: 0.75,
      reactions: 1,
      questions: 0.75,
      paidMessages: 1.5,
      gifts: 1.25,
      viewers: 0.75,
      orders: 1.5,
      scenes: 0.5,
    }),
    /**
     * Value (normalised units) at which a signal counts as "fired" and is listed as a reason.
     * 3 robust spreads is the classic outlier cut; loudness, speech rate and mentions fire a little earlier
     * because their spreads are wide (speech varies a lot; mentions are sparse counts); chat sentiment,
     * reactions and questions each count a thin slice of the chat, whose bursts are small in absolute
     * numbers; and a scene cut is a rare event whose density rarely reaches 3. Paid messages and gifts need 3:
     * about three supporters (or one far larger than the show's usual) within a chat window.
     */
    thresholds: perSignal({
      loudness: 2.5,
      speechRate: 2.5,
      speechSentiment: 3,
      mentions: 2.5,
      chatRate: 3,
      chatSentiment: 2.5,
      reactions: 2.5,
      questions: 2.5,
      paidMessages: 3,
      gifts: 3,
      viewers: 3,
      orders: 3,
      scenes: 2,
    }),
    /** Width of the rolling median baseline, seconds. 2 min follows the show's slow drift (segments, breaks) but not a single moment. @default 120 */
    baselineWindowSeconds: seconds(10, 1800, 120),
    /**
     * Quantile taken as the show's quiet level for event-like signals (chat rate, metric jumps,
     * mentions), 0..1. Below the median on purpose: a live-commerce show pushes a product every few
     * minutes, so a third or more of a window can be "event", and a median would rise with it.
     * @default 0.35
     */
    baselineQuantile: z.number().min(0.05).max(0.5).default(0.35),
    /** Moving-average smoothing applied to loudness and speech sentiment, seconds. @default 3 */
    smoothingSeconds: seconds(1, 60, 3),
    /** Window over which chat messages (and chat sentiment) are counted, seconds. @default 10 */
    chatWindowSeconds: seconds(1, 120, 10),
    /**
     * Most messages one viewer adds to a chat window: beyond it, a viewer's messages are spam and not
     * counted (one user pasting a line 20 times is not 20 people reacting). @default 2
     */
    maxMessagesPerViewer: z.number().int().min(1).max(100).default(2),
    /**
     * Fewest lines of one short token ("1", "扣1", "666") in a chat window for them to be a prompted or copied
     * flood (participation), counted apart from reactions (see signals/echoLines.ts). @default 8
     */
    echoMinLines: z.number().int().min(2).max(10_000).default(8),
    /** Smallest share of the window's lines that token must have: a spontaneous burst is diverse. @default 0.5 */
    echoMinShare: z.number().min(0).max(1).default(0.5),
    /**
     * Window over which the share of participation lines damps the fused score, seconds: wide enough to take in
     * the host's prompt before a flood and the viewers it draws after. @default 40
     */
    participationWindowSeconds: seconds(1, 600, 40),
    /** Window over which product and call-to-action mentions are counted, seconds. @default 20 */
    mentionWindowSeconds: seconds(1, 300, 20),
    /** Window over which scene cuts are counted, seconds. @default 20 */
    sceneWindowSeconds: seconds(1, 300, 20),
    /** Horizon of the viewers / orders jump (difference across this span), seconds. @default 30 */
    metricsHorizonSeconds: seconds(1, 600, 30),
    /**
     * Upper bound of every normalised signal, so one absurd outlier cannot drown the others. The clamp is
     * soft (linear up to half of it, then bent towards it), so keep thresholds below half of it. @default 10
     */
    signalCeiling: z.number().min(1).max(100).default(10),
    /**
     * Per-signal value treated as ordinary noise before fusion (normalised units): only the part above it
     * is summed, so seven signals idling at z≈1 do not add up to a fake peak. @default 1
     */
    noiseFloor: z.number().min(0).max(10).default(1),
    /**
     * Distinct signals that must fire (reach their thresholds) within a peak's clip window for it to become a
     * highlight. Every single signal has look-alikes that are not highlights (a dropped mic is loud, a host
     * reads specs fast, one viewer spams, a camera cuts for no reason), while real moments move the host and
     * the audience together. Shows where fewer signals carry data ask for a third of those, at least one
     * (a recording with only a transcript has five: loudness, pace, speech sentiment, mentions, scenes -> 2).
     * @default 3
     */
    minFiredSignals: z.number().int().min(1).max(SIGNAL_NAMES.length).default(3),
    /** Minimum fused score (weighted normalised units) for a peak to become a highlight. @default 3 */
    minFusedScore: z.number().min(0).default(3),
    /** Shortest clip, seconds: the run setting, with its range and default. */
    minClipSeconds: RUN_SETTINGS.minClipSeconds,
    /** Longest clip, seconds: the run setting. */
    maxClipSeconds: RUN_SETTINGS.maxClipSeconds,
    /** Most highlights returned per show (0: none; absent: the automatic budget, see clipBudget.ts): the run setting. */
    maxClips: RUN_SETTINGS.maxClips,
    /**
     * Automatic clip budget (no maxClips): at most this many clips per ten minutes of show. Three is what a
     * marketer can post from a show's ten minutes; it also caps a noisy show whose floor lets much through.
     * @default 3
     */
    clipsPerTenMinutes: z.number().gt(0).max(60).default(3),
    /**
     * Automatic clip budget of a short show: at least this many, so a dense short show (a 10-minute flash sale
     * with five pitches) keeps its moments; the score floor still decides whether it gets any. Below 17 minutes
     * the budget is this, above it the per-ten-minutes rate. @default 5
     */
    minClipBudget: z.number().int().min(0).max(MAX_CLIPS).default(5),
    /**
     * Strong-moment floor, in robust spreads of the show's fused score above its median (fused units): a peak
     * below max(minFusedScore, median + scoreFloorSpreads · spread) is not strong enough for a clip of its own.
     * Measured on the show itself, so a show whose score idles high (much chat, loud music) needs more. @default 4
     */
    scoreFloorSpreads: z.number().min(0).max(50).default(4),
    /**
     * Best moments kept even below the strong-moment floor (still above minFusedScore and corroborated): a show
     * with something to show always gets its best one or two clips, a flat one still gets none. @default 2
     */
    keepBestClips: z.number().int().min(0).max(MAX_CLIPS).default(2),
    /**
     * Non-maximum-suppression radius: two peaks are at least this far apart, seconds. Shorter than a
     * nominal clip (pre-roll + post-roll = 30 s) because live-commerce moments come close together;
     * overlapping windows are then trimmed apart, not dropped. @default 25
     */
    minGapSeconds: seconds(0, 3600, 25),
    /** Context kept before the peak, seconds (the set-up of the moment). @default 10 */
    preRollSeconds: seconds(0, 600, 10),
    /** Context kept after the peak, seconds (the pay-off and the reaction). @default 20 */
    postRollSeconds: seconds(0, 600, 20),
    /** How far a clip boundary may move to land on a sentence start/end or a silence, seconds. @default 4 */
    snapToleranceSeconds: seconds(0, 30, 4),
    /**
     * Most of the pause before a clip's first word kept as its lead-in, seconds. The lead-in never reaches into the
     * previous word or its decay (`leadOutSeconds`, at most half the pause): a cut right at the word clips its
     * attack and starts the clip breathless, and the second or two before a set-up line is where the host turns
     * to the camera or reaches for the product. @default 2.5
     */
    leadInSeconds: seconds(0, 5, 2.5),
    /** Kept after a clip's last word, seconds (never reaching into the next word): the word's decay. @default 0.5 */
    leadOutSeconds: seconds(0, 2, 0.5),
    /** Share of the clip budget allowed in any tenth of the show before other parts get a turn (0..1). @default 1/3 */
    maxSharePerTenth: z.number().gt(0).max(1).default(1 / 3),
  })
  .strict()
  .superRefine(checkRunSettingRules);

/** The resolved highlight configuration (all fields present). */
export type HighlightConfig = z.infer<typeof highlightConfigSchema>;

/** Every default in one place. */
export const DEFAULT_HIGHLIGHT_CONFIG: HighlightConfig = freezeConfig(highlightConfigSchema.parse({}));

function freezeConfig(config: HighlightConfig): HighlightConfig {
  Object.freeze(config.weights);
  Object.freeze(config.thresholds);
  return Object.freeze(config);
}

/**
 * Validates a partial configuration (e.g. from a CLI flag or a message) and fills in the defaults.
 * @throws InputError naming the offending field when the input is not a valid partial configuration.
 */
export function resolveHighlightConfig(partial?: unknown): HighlightConfig {
  const result = highlightConfigSchema.safeParse(partial ?? {});
  if (result.success) return result.data;
  const reasons = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(config)'}: ${issue.message}`)
    .join('; ');
  throw new InputError(`invalid highlight config: ${reasons}`, { cause: result.error });
}
