/** Terminal table of sentiment accuracy per labelled set. Pure. */
import { SENTIMENT_LABELS } from '../../shared/core/sentiment/evaluateSentiment.js';
import { renderTextTable } from '../textTable.js';
import type { SentimentSetReport } from './labelledTexts.js';

/** One row per set: size, accuracy, macro-F1 and F1 per label. */
export function formatSentimentTable(reports: readonly SentimentSetReport[]): string {
  const rows = reports.map(({ set, evaluation }) => [
    set,
    String(evaluation.count),
    evaluation.accuracy.toFixed(3),
    evaluation.macroF1.toFixed(3),
    ...SENTIMENT_LABELS.map((label) => evaluation.perLabel[label].f1.toFixed(2)),
  ]);
  return renderTextTable(['set', 'n', 'accuracy', 'macro-F1', ...SENTIMENT_LABELS.map((l) => `F1 ${l.slice(0, 3)}`)], rows);
}
