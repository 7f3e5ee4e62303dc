/**
 * suggest: mine this show's topics (keyphrases, products, audience questions) with the audience's
 * response, review the show (复盘) against its channel's earlier shows, rank topic suggestions for upcoming
 * shows across the channel's shows, and plan the channel's next show.
 */
import { isViewerText } from '../shared/core/chat/index.js';
import { showKeys } from '../shared/core/keys.js';
import { scoreSentiment } from '../shared/core/sentiment/index.js';
import { segmentsWithReliability } from '../shared/core/transcript/reliableSegments.js';
import { keywords } from '../shared/core/text/index.js';
import { loadWordTagger } from '../shared/adapters/text/wordTagger.js';
import { mineShowTopics, suggestTopics } from '../shared/core/topics/index.js';
import {
  analysisSchema,
  audioAnalysisSchema,
  chatMessagesSchema,
  highlightsFileSchema,
  metricsPointsSchema,
  topicEvidenceFileSchema,
  topicsFileSchema,
  transcriptSchema,
} from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, writeJson } from '../shared/pipeline/storageJson.js';
import { readWorkspaceTopicEvidence } from '../shared/pipeline/workspace.js';
import { pitchTopics } from '../shared/pipeline/assist/topicPitchTask.js';
import { phraseReview } from '../shared/pipeline/assist/reviewPhrasingTask.js';
import { buildShowPlan, buildShowReview, writeReviewAndPlan } from '../shared/pipeline/showReview.js';

export const suggest: StageHandler<'suggest'> = async (message, { storage, logger, languageModel, signal }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const audio = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const transcript = await readJson(storage, keys.transcript, transcriptSchema);
  const { highlights } = await readJson(storage, keys.highlights, highlightsFileSchema);
  const chat = manifest.inputs.chat ? await readJson(storage, manifest.inputs.chat.key, chatMessagesSchema) : [];
  const metrics = manifest.inputs.metrics ? await readJson(storage, manifest.inputs.metrics.key, metricsPointsSchema) : [];
  // Only the mentions are needed: validating the per-second signal series of a long show would be wasted work.
  const analysis = await readJson(storage, keys.analysis, analysisSchema.unwrap().pick({ mentions: true }));

  // Topics are built from what the host is known to have said: unreliable recognition ("little fast") never
  // becomes a topic term, and a product "heard" only in it is not a product mention.
  const reliable = segmentsWithReliability(transcript).filter((segment) => segment.reliable === true);
  const segments = reliable.map((segment) => ({ ...segment, sentiment: scoreSentiment(segment.text, manifest.language) }));
  const mentions = analysis.mentions.filter(
    (mention) => mention.source === 'chat' || reliable.some((segment) => segment.start <= mention.t && mention.t <= segment.end),
  );
  // What viewers wrote, as the detector reads it: gift and subscription lines are no topic evidence.
  const scoredChat = chat
    .filter(isViewerText)
    .map((line) => ({ ...line, sentiment: scoreSentiment(line.text) }));
  const evidence = mineShowTopics(
    {
      showId: message.showId,
      language: manifest.language,
      duration: audio.duration,
      segments,
      chat: scoredChat,
      metrics,
      mentions,
      clips: highlights.map((highlight) => ({ id: highlight.id, start: highlight.start, end: highlight.end })),
    },
    keywords,
    await loadWordTagger(),
  );
  await writeJson(storage, keys.topicEvidence, topicEvidenceFileSchema, evidence);

  // The review (复盘) reads the questions just mined; it sets the show against the channel's earlier reviews.
  const { review: reviewed, channelOthers } = await buildShowReview(storage, message.showId, evidence);

  // This show's fresh evidence plus every other show of its channel: earlier shows inform the suggestions,
  // another channel's audience does not.
  const channelShows = new Set(channelOthers.map((r) => r.showId));
  const others = await readWorkspaceTopicEvidence(storage, (key) => logger.warn('skipped unreadable topic evidence', { key }));
  const workspace = [evidence, ...others.filter((show) => show.showId !== message.showId && channelShows.has(show.showId))].sort((a, b) =>
    a.showId.localeCompare(b.showId),
  );
  const { topics, writtenBy } = await pitchTopics(suggestTopics(workspace), manifest.language, languageModel, logger, signal);
  await writeJson(storage, keys.topics, topicsFileSchema, { showId: message.showId, showsConsidered: workspace.map((show) => show.showId), writtenBy, topics });
  const planned = buildShowPlan(reviewed, channelOthers, workspace, topics);
  const { review, plan } = await phraseReview(reviewed, planned, languageModel, logger, signal);
  await writeReviewAndPlan(storage, message.showId, review, plan);
  return {
    next: [{ stage: 'catalog', showId: message.showId }],
    summary: { topics: topics.length, showsConsidered: workspace.length, score: review.score.total, fixes: review.fixes.length, planDate: plan.date },
  };
};
