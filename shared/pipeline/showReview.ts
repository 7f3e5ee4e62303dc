/**
 * The show review and the channel's next-show plan as the pipeline stores them: gathers one show's stored
 * evidence for the pure review (shared/core/review), sets it against the channel's earlier shows, and plans the
 * channel's next show. Used by the suggest stage (review.json, plan.json) and the CLI (`postshow review`, `plan`).
 */
import { InputError } from '../core/errors.js';
import { parseShowId, showKeys, type ShowId } from '../core/keys.js';
import { planDate, planNextShow } from '../core/plan/index.js';
import { channelShowOf, compareWithChannel, reviewShow } from '../core/review/index.js';
import { showPlanSchema, showReviewSchema, type ShowPlan, type ShowReview } from '../core/schemas/review.js';
import type { ShowTopicEvidence, TopicSuggestion } from '../core/schemas/topics.js';
import { segmentsWithReliability } from '../core/transcript/reliableSegments.js';
import {
  analysisSchema,
  audioAnalysisSchema,
  chatMessagesSchema,
  highlightsFileSchema,
  metricsPointsSchema,
  productsSchema,
  topicsFileSchema,
  transcriptSchema,
} from './artifacts.js';
import { manifestSchema, type Manifest } from './manifest.js';
import type { Storage } from './ports.js';
import { readJson, tryReadJson, writeJson } from './storageJson.js';
import { readWorkspaceReviews, readWorkspaceTopicEvidence } from './workspace.js';

/** When the show aired: the manifest's record; a manifest from before it was recorded sorts first. */
export function airedAtOf(manifest: Pick<Manifest, 'airedAt'>): string {
  return manifest.airedAt ?? new Date(0).toISOString();
}

/**
 * Reviews one stored show against the channel's other reviews in the workspace (review.json is the caller's
 * to write: a model may reword it first).
 * @param evidence the show's mined topic evidence (its audience questions feed the fixes)
 */
export async function buildShowReview(
  storage: Storage,
  showId: ShowId,
  evidence: ShowTopicEvidence,
): Promise<{ readonly review: ShowReview; readonly channelOthers: readonly ShowReview[] }> {
  const keys = showKeys(showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const audio = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const transcript = await readJson(storage, keys.transcript, transcriptSchema);
  const analysis = await readJson(storage, keys.analysis, analysisSchema.unwrap().pick({ mentions: true, compliance: true, chatLag: true }));
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const chat = manifest.inputs.chat ? await readJson(storage, manifest.inputs.chat.key, chatMessagesSchema) : [];
  const metrics = manifest.inputs.metrics ? await readJson(storage, manifest.inputs.metrics.key, metricsPointsSchema) : [];
  const products = manifest.inputs.products ? await readJson(storage, manifest.inputs.products.key, productsSchema) : [];

  // Chat is stored as posted; viewers react seconds after the stream, so it goes on the stream's clock here.
  const lag = analysis.chatLag?.appliedSeconds ?? 0;
  const segments = segmentsWithReliability(transcript);
  const reliable = segments.filter((segment) => segment.reliable === true);
  const mentions = analysis.mentions
    .filter((m) => m.source === 'chat' || reliable.some((segment) => segment.start <= m.t && m.t <= segment.end))
    .map((m) => (m.source === 'chat' ? { ...m, t: m.t - lag } : m));

  const body = reviewShow({
    showId,
    language: manifest.language,
    duration: audio.duration,
    segments,
    chat: chat.map((line) => ({ ...line, t: line.t - lag })),
    metrics,
    products,
    mentions,
    silences: audio.silences,
    compliance: analysis.compliance,
    questions: evidence.questions,
    clips: highlights.map((h) => ({ id: h.id, start: h.start, end: h.end })),
  });
  const airedAt = airedAtOf(manifest);
  const channelName = manifest.options.channel;
  // The channel's other shows, read once: the comparison, the suggestions and the plan all need them.
  const others = (await readChannelReviews(storage, channelName)).filter((r) => r.showId !== showId);
  const current = channelShowOf({ ...body, showId, airedAt });
  const review: ShowReview = {
    ...body,
    runId: manifest.runId,
    airedAt,
    channel: compareWithChannel(channelName, current, others.map(channelShowOf)),
    writtenBy: 'reviewer',
  };
  return { review: showReviewSchema.parse(review), channelOthers: others };
}

/** The stored reviews of one channel, oldest first. */
export async function readChannelReviews(storage: Storage, channel: string): Promise<ShowReview[]> {
  return (await readWorkspaceReviews(storage)).filter((review) => review.channel.name === channel).sort((a, b) => a.airedAt.localeCompare(b.airedAt) || a.showId.localeCompare(b.showId));
}

/**
 * The channel's next-show plan.
 * @param date YYYY-MM-DD; absent: three days after `today` or the channel's last show, whichever is later
 */
export function planChannel(
  channel: string,
  reviews: readonly ShowReview[],
  topicEvidence: readonly ShowTopicEvidence[],
  suggestions: readonly TopicSuggestion[],
  options: { readonly date?: string; readonly today: Date },
): ShowPlan {
  const date = options.date ?? planDate(options.today, reviews.at(-1)?.airedAt);
  const ids = new Set(reviews.map((r) => r.showId));
  return showPlanSchema.parse(planNextShow({ channel, date, reviews, topicEvidence: topicEvidence.filter((e) => ids.has(e.showId)), suggestions }));
}

/**
 * The plan as of this show, for three days after it aired, from the channel's shows up to this one.
 * @param channelOthers the channel's other reviews (as buildShowReview read them)
 */
export function buildShowPlan(
  review: ShowReview,
  channelOthers: readonly ShowReview[],
  topicEvidence: readonly ShowTopicEvidence[],
  suggestions: readonly TopicSuggestion[],
): ShowPlan {
  // Only shows up to this one: a rerun of an old show must not plan from shows that came after it.
  const earlier = channelOthers.filter((r) => r.showId !== review.showId && r.airedAt <= review.airedAt);
  return planChannel(review.channel.name, [...earlier, review], topicEvidence, suggestions, { today: new Date(review.airedAt) });
}

/** Writes review.json and plan.json. */
export async function writeReviewAndPlan(storage: Storage, showId: ShowId, review: ShowReview, plan: ShowPlan): Promise<void> {
  const keys = showKeys(showId);
  await writeJson(storage, keys.review, showReviewSchema, review);
  await writeJson(storage, keys.plan, showPlanSchema, plan);
}

/**
 * A stored review with its channel comparison brought up to date with the workspace (shows run later that aired
 * earlier count too); undefined when the show has no review.
 */
export async function readCurrentReview(storage: Storage, showId: ShowId): Promise<ShowReview | undefined> {
  const stored = await tryReadJson(storage, showKeys(showId).review, showReviewSchema);
  if (stored === undefined) return undefined;
  const channel = await readChannelReviews(storage, stored.channel.name);
  return { ...stored, channel: compareWithChannel(stored.channel.name, channelShowOf(stored), channel.map(channelShowOf)) };
}

const PLAN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The channel's plan for `date` (default: three days ahead of `today`); undefined when the channel has no
 * reviewed show. @throws InputError for a date that is not YYYY-MM-DD or is less than three days ahead
 */
export async function readChannelPlan(storage: Storage, channel: string, date: string | undefined, today: Date): Promise<ShowPlan | undefined> {
  const earliest = planDate(today);
  if (date !== undefined && (!PLAN_DATE.test(date) || Number.isNaN(Date.parse(date)))) throw new InputError(`date must be a date like ${earliest}`);
  if (date !== undefined && date < earliest) throw new InputError(`date ${date} is too soon: a plan is made at least 3 days ahead (${earliest} or later)`);
  const reviews = await readChannelReviews(storage, channel);
  const latest = reviews.at(-1);
  if (latest === undefined) return undefined;
  const topics = await tryReadJson(storage, showKeys(parseShowId(latest.showId)).topics, topicsFileSchema);
  return planChannel(channel, reviews, await readWorkspaceTopicEvidence(storage), topics?.topics ?? [], { today, ...(date === undefined ? {} : { date }) });
}
