import { z } from 'zod';
import { InputError } from '../errors.js';
import type { Language, SentimentScore } from '../types.js';
import { scoreSentiment } from './scoreSentiment.js';

/** The three classes a text is labelled with (see eval/sentiment/README.md for the guideline). */
export type SentimentLabel = 'positive' | 'negative' | 'neutral';

/** Labels in a fixed order, so reports and confusion matrices always list them the same way. */
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral'];

/** One hand-labelled short text: a chat message or a host speech sentence. */
export interface LabelledText {
  readonly text: string;
  readonly label: SentimentLabel;
  readonly language?: Language;
  readonly source?: 'chat' | 'speech';
  /** `dev` lines may be used to tune lexicons and the band; `test` lines only to measure. */
  readonly split?: 'dev' | 'test';
}

/** One line of eval/sentiment/{en,zh}.jsonl; `language` is implied by the file name. */
export const labelledTextSchema = z
  .object({
    text: z.string().trim().min(1),
    label: z.enum(['positive', 'negative', 'neutral']),
    language: z.enum(['en', 'zh']).optional(),
    source: z.enum(['chat', 'speech']),
    split: z.enum(['dev', 'test']),
  })
  .strict();

/**
 * |score| at or below which a scored text counts as neutral; texts without lexicon hits are neutral anyway.
 * Calibrated by `calibrateNeutralBand` on the dev split of eval/sentiment (en + zh, 160 lines): macro-F1 is flat
 * at its best (0.975) for every band from 0 to 0.125 and falls beyond (0.92 at 0.25, where one weak hit such as
 * 优惠 or "please" lands), so the tie rule picks 0: a single lexicon hit is evidence enough. Recalibrate and
 * update test/unit/sentimentAccuracy.test.ts when the lexicons change.
 * @default 0
 */
export const SENTIMENT_NEUTRAL_BAND = 0;

/** Band candidates for calibration: 0 to 0.5 in steps of 0.025 (scores are rounded to 4 decimals). */
export const NEUTRAL_BAND_CANDIDATES: readonly number[] = Array.from({ length: 21 }, (_, index) => index * 25 / 1000);

/** Precision, recall and F1 of one label, and how many gold items carry it. */
export interface LabelMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly count: number;
}

/** Accuracy, macro-F1, per-label metrics and the gold x predicted confusion matrix of one labelled set. */
export interface SentimentEvaluation {
  readonly count: number;
  readonly accuracy: number;
  /** Unweighted mean of the three per-label F1 values, so the neutral majority cannot hide a weak class. */
  readonly macroF1: number;
  readonly perLabel: Readonly<Record<SentimentLabel, LabelMetrics>>;
  /** confusion[gold][predicted] = number of items. */
  readonly confusion: Readonly<Record<SentimentLabel, Readonly<Record<SentimentLabel, number>>>>;
}

/** Turns a score into a label: no lexicon hits, or |score| within the band, is neutral. */
export function classifySentiment(score: SentimentScore, neutralBand: number = SENTIMENT_NEUTRAL_BAND): SentimentLabel {
  if (score.hits === 0 || Math.abs(score.score) <= neutralBand) return 'neutral';
  return score.score > 0 ? 'positive' : 'negative';
}

/**
 * Metrics of gold vs predicted label pairs. Empty sets and labels never predicted (or never gold) give 0 rather
 * than NaN, the convention of scikit-learn's `zero_division=0`, so reports stay printable.
 */
export function evaluatePredictions(
  pairs: readonly { readonly gold: SentimentLabel; readonly predicted: SentimentLabel }[],
): SentimentEvaluation {
  const confusion = emptyConfusion();
  for (const { gold, predicted } of pairs) confusion[gold][predicted] += 1;

  const correct = SENTIMENT_LABELS.reduce((sum, label) => sum + confusion[label][label], 0);
  const perLabel = Object.fromEntries(
    SENTIMENT_LABELS.map((label) => {
      const truePositives = confusion[label][label];
      const goldCount = SENTIMENT_LABELS.reduce((sum, predicted) => sum + confusion[label][predicted], 0);
      const predictedCount = SENTIMENT_LABELS.reduce((sum, gold) => sum + confusion[gold][label], 0);
      const precision = ratio(truePositives, predictedCount);
      const recall = ratio(truePositives, goldCount);
      const f1 = ratio(2 * precision * recall, precision + recall);
      return [label, { precision, recall, f1, count: goldCount }];
    }),
  ) as Record<SentimentLabel, LabelMetrics>;

  const macroF1 = SENTIMENT_LABELS.reduce((sum, label) => sum + perLabel[label].f1, 0) / SENTIMENT_LABELS.length;
  return { count: pairs.length, accuracy: ratio(correct, pairs.length), macroF1, perLabel, confusion };
}

/** Scores every text with `scoreSentiment`, classifies it with the band and compares with the gold labels. */
export function evaluateSentiment(
  items: readonly LabelledText[],
  neutralBand: number = SENTIMENT_NEUTRAL_BAND,
): SentimentEvaluation {
  return evaluatePredictions(
    items.map((item) => ({ gold: item.label, predicted: classifySentiment(scoreSentiment(item.text, item.language), neutralBand) })),
  );
}

/**
 * The neutral band (from `candidates`) with the highest macro-F1 on `items`; ties go to the smaller band, which
 * throws away less lexicon evidence. Texts are scored once; pure and deterministic.
 */
export function calibrateNeutralBand(
  items: readonly LabelledText[],
  candidates: readonly number[] = NEUTRAL_BAND_CANDIDATES,
): number {
  if (candidates.length === 0) throw new InputError('calibrateNeutralBand needs at least one candidate band');
  const scored = items.map((item) => ({ gold: item.label, score: scoreSentiment(item.text, item.language) }));
  let best: { band: number; macroF1: number } | undefined;
  for (const band of [...candidates].sort((a, b) => a - b)) {
    const { macroF1 } = evaluatePredictions(scored.map(({ gold, score }) => ({ gold, predicted: classifySentiment(score, band) })));
    if (best === undefined || macroF1 > best.macroF1) best = { band, macroF1 };
  }
  return best?.band ?? 0;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function emptyConfusion(): Record<SentimentLabel, Record<SentimentLabel, number>> {
  const row = (): Record<SentimentLabel, number> => ({ positive: 0, negative: 0, neutral: 0 });
  return { positive: row(), negative: row(), neutral: row() };
}
