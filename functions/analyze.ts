/**
 * analyze: sentiment timeline, engagement signals, highlight candidates and compliance flags,
 * then one clip message per highlight.
 */
import { DEFAULT_CLAIM_RULES, findComplianceFlags } from '../shared/core/compliance/index.js';
import {
  assembleHighlightInputs,
  buildSignalSet,
  detectHighlightsFromSignals,
  explainNoHighlights,
  resolveHighlightConfig,
} from '../shared/core/highlights/index.js';
import { showKeys } from '../shared/core/keys.js';
import { sentimentTimeline } from '../shared/core/sentiment/index.js';
import { segmentsWithReliability } from '../shared/core/transcript/reliableSegments.js';
import type { MetricsPoint } from '../shared/core/types.js';
import {
  analysisSchema,
  audioAnalysisSchema,
  chatMessagesSchema,
  claimRulesSchema,
  highlightsFileSchema,
  metricsPointsSchema,
  productsSchema,
  transcriptSchema,
  type ChatLagRecord,
} from '../shared/pipeline/artifacts.js';
import { manifestSchema } from '../shared/pipeline/manifest.js';
import { rerankHighlights } from '../shared/pipeline/assist/rerankTask.js';
import type { StageHandler } from '../shared/pipeline/stage.js';
import { readJson, writeJson } from '../shared/pipeline/storageJson.js';
import type { z } from 'zod';

/** Sentiment timeline window, seconds: long enough to hold a few chat lines, short enough to show a moment. */
export const SENTIMENT_WINDOW_SECONDS = 10;

export const analyze: StageHandler<'analyze'> = async (message, { storage, languageModel, logger, signal }) => {
  const keys = showKeys(message.showId);
  const manifest = await readJson(storage, keys.manifest, manifestSchema);
  const audio = await readJson(storage, keys.audioAnalysis, audioAnalysisSchema);
  const transcript = await readJson(storage, keys.transcript, transcriptSchema);
  const chat = manifest.inputs.chat ? await readJson(storage, manifest.inputs.chat.key, chatMessagesSchema) : [];
  const metrics = manifest.inputs.metrics ? await readJson(storage, manifest.inputs.metrics.key, metricsPointsSchema) : [];
  const products = manifest.inputs.products ? await readJson(storage, manifest.inputs.products.key, productsSchema) : [];
  const rules = manifest.inputs.rules ? await readJson(storage, manifest.inputs.rules.key, claimRulesSchema) : DEFAULT_CLAIM_RULES;
  const { language } = manifest;
  const duration = audio.duration;

  const { inputs, chatLag: lag } = assembleHighlightInputs(
    {
      showId: message.showId,
      language,
      duration,
      audio: { duration, loudness: audio.loudness, silences: audio.silences, integratedLufs: audio.integratedLufs },
      sceneChanges: audio.sceneChanges,
      segments: segmentsWithReliability(transcript),
      chat,
      metrics,
      products,
    },
    { chatLagSeconds: manifest.options.chatLagSeconds },
  );
  const { segments, chat: scoredChat, mentions } = inputs;
  const config = resolveHighlightConfig({
    minClipSeconds: manifest.options.minClipSeconds,
    maxClipSeconds: manifest.options.maxClipSeconds,
    maxClips: manifest.options.maxClips,
  });
  // Built once: the detector and the stored per-second series read the same signals.
  const signalSet = buildSignalSet(inputs, config);
  const detected = detectHighlightsFromSignals(inputs, signalSet, config);
  const { highlights, rankedBy, reasons } = await rerankHighlights(detected, languageModel, logger, signal);

  const { estimate } = lag;
  const applied = { appliedSeconds: lag.appliedSeconds, appliedFrom: lag.appliedFrom };
  const chatLag: ChatLagRecord =
    estimate.method === 'default'
      ? { lagSeconds: estimate.lagSeconds, confidence: 0, method: 'default', reason: estimate.reason, ...applied }
      : {
          lagSeconds: round2(estimate.lagSeconds),
          confidence: round2(estimate.confidence),
          method: estimate.method,
          evidence: [...estimate.evidence],
          ...applied,
        };

  // The chat timeline, counts, compliance flags and mentions are stored as posted (what a viewer saw in the log);
  // only the detector reads chat on the stream's clock.
  const analysis: z.infer<typeof analysisSchema> = {
    sentiment: {
      windowSeconds: SENTIMENT_WINDOW_SECONDS,
      speech: sentimentTimeline(segments.map((s) => ({ t: (s.start + s.end) / 2, score: s.sentiment })), duration, SENTIMENT_WINDOW_SECONDS),
      chat: sentimentTimeline(scoredChat.map((c) => ({ t: c.postedAt, score: c.sentiment })), duration, SENTIMENT_WINDOW_SECONDS),
    },
    signals: signalSet.series.map((series) => ({ name: series.name, values: series.values.map(round2) })),
    chatPerSecond: perSecondCounts(scoredChat.map((line) => line.postedAt), duration),
    ...(metrics.some((point) => point.viewers !== undefined) ? { viewersPerSecond: stepSeries(metrics, 'viewers', duration) } : {}),
    // Ad law binds what the host says, not what viewers write: only reliable speech is checked (a misheard
    // "best" is no claim). Chat that enters the copy is screened instead (screenChatLine).
    compliance: findComplianceFlags(
      segments.filter((s) => s.reliable === true).map((s) => ({ start: s.start, end: s.end, text: s.text, source: 'speech' as const })),
      rules,
    ),
    mentions: mentions.map(({ postedAt, ...mention }) => ({ ...mention, t: postedAt })),
    chatLag,
  };
  await writeJson(storage, keys.analysis, analysisSchema, analysis);
  const none = highlights.length === 0 ? { none: explainNoHighlights(inputs, signalSet, config) } : {};
  await writeJson(storage, keys.highlights, highlightsFileSchema, { runId: manifest.runId, rankedBy, reasons, highlights, ...none });

  return {
    next:
      highlights.length > 0
        ? highlights.map((highlight) => ({ stage: 'clip' as const, showId: message.showId, clipId: highlight.id }))
        : [{ stage: 'suggest' as const, showId: message.showId }],
    summary: {
      highlights: highlights.length,
      rankedBy,
      complianceFlags: analysis.compliance.length,
      chatMessages: scoredChat.length,
      chatLagSeconds: chatLag.lagSeconds,
      chatLagConfidence: chatLag.confidence,
      chatLagApplied: chatLag.appliedSeconds,
      chatLagAppliedFrom: chatLag.appliedFrom,
    },
  };
};

const round2 = (value: number): number => Math.round(value * 100) / 100;

function perSecondCounts(times: readonly number[], duration: number): number[] {
  const counts = new Array<number>(Math.max(1, Math.ceil(duration))).fill(0);
  for (const t of times) {
    const second = Math.floor(t);
    if (second >= 0 && second < counts.length) counts[second] = (counts[second] ?? 0) + 1;
  }
  return counts;
}

/** A sparse metric column as a per-second step function (last known value carried forward). */
function stepSeries(points: readonly MetricsPoint[], column: 'viewers', duration: number): number[] {
  const values = new Array<number>(Math.max(1, Math.ceil(duration))).fill(0);
  let index = 0;
  let current = 0;
  for (let second = 0; second < values.length; second += 1) {
    while (index < points.length && (points[index]?.t ?? Infinity) <= second) {
      current = points[index]?.[column] ?? current;
      index += 1;
    }
    values[second] = current;
  }
  return values;
}
