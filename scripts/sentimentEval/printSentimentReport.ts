/**
 * Prints sentiment accuracy per labelled set, and the band calibration on the dev split.
 *
 *   npx tsx scripts/sentimentEval/printSentimentReport.ts [--shared ../shared] [--errors en-dev,zh-dev]
 *
 * `--errors` lists the misclassified lines of the named sets (use dev sets when tuning lexicons; looking at test
 * errors spoils the test split). Imperative evaluation tooling; not part of the functional core.
 */
import { parseArgs } from 'node:util';
import {
  calibrateNeutralBand,
  classifySentiment,
  SENTIMENT_LABELS,
  SENTIMENT_NEUTRAL_BAND,
} from '../../shared/core/sentiment/evaluateSentiment.js';
import { scoreSentiment } from '../../shared/core/sentiment/scoreSentiment.js';
import { DEFAULT_SHARED_DIR, loadLabelledTexts, sentimentAccuracyReport } from './labelledTexts.js';
import { loadSharedChatLabels } from './sharedChatLines.js';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { shared: { type: 'string', default: DEFAULT_SHARED_DIR }, errors: { type: 'string', default: '' } },
  });
  const errorSets = new Set(values.errors.split(',').filter(Boolean));

  const texts = await loadLabelledTexts();
  const dev = texts.filter((item) => item.split === 'dev');
  console.log(`neutral band: shipped ${SENTIMENT_NEUTRAL_BAND}, calibrated on dev ${calibrateNeutralBand(dev)}`);

  for (const { set, evaluation } of await sentimentAccuracyReport(values.shared)) {
    const f1s = SENTIMENT_LABELS.map((label) => `${label} ${evaluation.perLabel[label].f1.toFixed(2)}`).join(', ');
    console.log(`${set.padEnd(9)} n=${String(evaluation.count).padStart(3)}  accuracy ${percent(evaluation.accuracy)}  macro-F1 ${evaluation.macroF1.toFixed(3)}  (${f1s})`);
    const rows = SENTIMENT_LABELS.map((gold) => `${gold}: ${SENTIMENT_LABELS.map((p) => evaluation.confusion[gold][p]).join('/')}`);
    console.log(`          gold -> predicted pos/neg/neu: ${rows.join('  ')}`);
  }

  if (errorSets.size === 0) return;
  const shared = (await loadSharedChatLabels(values.shared)) ?? [];
  const pools = {
    'en-dev': dev.filter((item) => item.language === 'en'),
    'zh-dev': dev.filter((item) => item.language === 'zh'),
    'en-test': texts.filter((item) => item.language === 'en' && item.split === 'test'),
    'zh-test': texts.filter((item) => item.language === 'zh' && item.split === 'test'),
    'shared-en': shared.filter((item) => item.language === 'en'),
    'shared-zh': shared.filter((item) => item.language === 'zh'),
  };
  for (const [set, items] of Object.entries(pools)) {
    if (!errorSets.has(set)) continue;
    for (const item of items) {
      const score = scoreSentiment(item.text);
      const predicted = classifySentiment(score);
      if (predicted !== item.label) console.log(`${set}\t${item.label}->${predicted}\t${score.score}\t${item.text}`);
    }
  }
}

await main();
