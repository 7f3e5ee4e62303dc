import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import {
  calibrateNeutralBand,
  classifySentiment,
  evaluatePredictions,
  evaluateSentiment,
  SENTIMENT_NEUTRAL_BAND,
  type LabelledText,
} from '../../shared/core/sentiment/evaluateSentiment.js';
import { loadLabelledTexts } from '../../scripts/sentimentEval/labelledTexts.js';
import { loadSharedChatLabels, textSha1 } from '../../scripts/sentimentEval/sharedChatLines.js';
import { missingTestData, SHARED_DATA, SHARED_DIR } from '../helpers/sharedData.js';

const SHARED_CHAT = path.join(SHARED_DATA, 'chat');

describe('classifySentiment', () => {
  it('is neutral without hits or inside the band, else follows the sign', () => {
    expect(classifySentiment({ score: 0.9, hits: 0 }, 0)).toBe('neutral');
    expect(classifySentiment({ score: 0.25, hits: 1 }, 0.25)).toBe('neutral'); // the band is inclusive
    expect(classifySentiment({ score: 0.2501, hits: 1 }, 0.25)).toBe('positive');
    expect(classifySentiment({ score: -0.5, hits: 2 }, 0.25)).toBe('negative');
    // The default band is the shipped constant, inclusive at its edge.
    expect(classifySentiment({ score: -SENTIMENT_NEUTRAL_BAND, hits: 1 })).toBe('neutral');
    expect(classifySentiment({ score: SENTIMENT_NEUTRAL_BAND + 0.01, hits: 1 })).toBe('positive');
  });
});

describe('evaluatePredictions', () => {
  it('computes accuracy, per-label precision/recall/F1, macro-F1 and the confusion matrix', () => {
    const result = evaluatePredictions([
      { gold: 'positive', predicted: 'positive' },
      { gold: 'positive', predicted: 'neutral' },
      { gold: 'negative', predicted: 'negative' },
      { gold: 'neutral', predicted: 'neutral' },
      { gold: 'neutral', predicted: 'positive' },
    ]);
    expect(result.count).toBe(5);
    expect(result.accuracy).toBe(0.6);
    expect(result.perLabel.positive).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, count: 2 });
    expect(result.perLabel.negative).toEqual({ precision: 1, recall: 1, f1: 1, count: 1 });
    expect(result.perLabel.neutral).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, count: 2 });
    expect(result.macroF1).toBeCloseTo(2 / 3, 12);
    expect(result.confusion).toEqual({
      positive: { positive: 1, negative: 0, neutral: 1 },
      negative: { positive: 0, negative: 1, neutral: 0 },
      neutral: { positive: 1, negative: 0, neutral: 1 },
    });
  });

  it('gives 0, not NaN, for an empty set and for labels never predicted', () => {
    const empty = evaluatePredictions([]);
    expect(empty).toMatchObject({ count: 0, accuracy: 0, macroF1: 0 });
    const never = evaluatePredictions([{ gold: 'negative', predicted: 'neutral' }]);
    expect(never.perLabel.negative).toEqual({ precision: 0, recall: 0, f1: 0, count: 1 });
    expect(never.accuracy).toBe(0);
  });
});

describe('evaluateSentiment', () => {
  it('scores, classifies and compares real texts', () => {
    const items: LabelledText[] = [
      { text: 'I love it', label: 'positive' },
      { text: 'terrible', label: 'negative' },
      { text: 'how much', label: 'neutral' },
      { text: 'not bad', label: 'negative' }, // the scorer reads it as positive (it is, usually)
    ];
    const result = evaluateSentiment(items, 0);
    expect(result.accuracy).toBe(0.75);
    expect(result.perLabel.positive).toMatchObject({ precision: 0.5, recall: 1, count: 1 });
    expect(result.perLabel.positive.f1).toBeCloseTo(2 / 3, 12);
    expect(result.perLabel.negative).toMatchObject({ precision: 1, recall: 0.5, count: 2 });
    expect(result.perLabel.neutral).toEqual({ precision: 1, recall: 1, f1: 1, count: 1 });
    expect(result.macroF1).toBeCloseTo(7 / 9, 12);
  });
});

describe('calibrateNeutralBand', () => {
  // 优惠 (valence 1) scores exactly 0.25; 好用 (valence 2) about 0.46.
  const items: LabelledText[] = [
    { text: '优惠', label: 'neutral' },
    { text: '好用', label: 'positive' },
    { text: '多少钱', label: 'neutral' },
  ];

  it('picks the candidate with the best macro-F1', () => {
    expect(calibrateNeutralBand(items, [0, 0.3, 0.5])).toBe(0.3);
  });

  it('breaks ties towards the smaller band whatever the candidate order', () => {
    expect(calibrateNeutralBand(items, [0.4, 0.3, 0.35])).toBe(0.3);
    expect(calibrateNeutralBand([{ text: '好用', label: 'positive' }], [0.2, 0, 0.1])).toBe(0);
  });

  it('needs at least one candidate', () => {
    expect(() => calibrateNeutralBand(items, [])).toThrow(InputError);
  });
});

const texts = await loadLabelledTexts();

describe('accuracy on eval/sentiment', () => {
  const set = (language: 'en' | 'zh', split: 'dev' | 'test') =>
    texts.filter((item) => item.language === language && item.split === split);

  // Measured with the shipped lexicons and band: en test 85.0% / macro-F1 0.848, zh test 87.5% / 0.871.
  // Floors sit ~5 points under, so a regression fails while small lexicon edits do not.
  it.each([
    ['en', 0.8, 0.8],
    ['zh', 0.82, 0.82],
  ] as const)('%s test split: accuracy >= %s and macro-F1 >= %s', (language, accuracyFloor, macroF1Floor) => {
    const result = evaluateSentiment(set(language, 'test'));
    expect(result.count).toBe(80);
    expect(result.accuracy).toBeGreaterThanOrEqual(accuracyFloor);
    expect(result.macroF1).toBeGreaterThanOrEqual(macroF1Floor);
  });

  // Dev was tuned on (en 98.8% / 0.988, zh 96.3% / 0.962); a drop here means a lexicon edit undid a fix.
  it.each([
    ['en', 0.95],
    ['zh', 0.92],
  ] as const)('%s dev split stays above %s accuracy', (language, floor) => {
    expect(evaluateSentiment(set(language, 'dev')).accuracy).toBeGreaterThanOrEqual(floor);
  });

  it('calibrating on the dev split returns the shipped SENTIMENT_NEUTRAL_BAND', () => {
    expect(calibrateNeutralBand(texts.filter((item) => item.split === 'dev'))).toBe(SENTIMENT_NEUTRAL_BAND);
  });
});

describe.skipIf(missingTestData(SHARED_CHAT))('accuracy on labelled real chat lines (../shared/data/chat)', () => {
  it('finds every labelled line by SHA-1 and clears the floors', async () => {
    const items = await loadSharedChatLabels(SHARED_DIR);
    expect(items).toBeDefined();
    const zh = (items ?? []).filter((item) => item.language === 'zh');
    const en = (items ?? []).filter((item) => item.language === 'en');
    expect(zh.length).toBe(120);
    expect(en.length).toBe(103);

    // Measured: bilibili zh 69.2% / macro-F1 0.573, Twitch en 54.4% / 0.550. Real chat is much harder than
    // the written sets: in-jokes, and Twitch emote names (PepeHands, LULW, FailFish) the lexicon does not know.
    const zhResult = evaluateSentiment(zh);
    const enResult = evaluateSentiment(en);
    console.log(
      `shared chat sentiment: zh ${(zhResult.accuracy * 100).toFixed(1)}% / ${zhResult.macroF1.toFixed(3)}, ` +
        `en ${(enResult.accuracy * 100).toFixed(1)}% / ${enResult.macroF1.toFixed(3)}`,
    );
    expect(zhResult.accuracy).toBeGreaterThanOrEqual(0.64);
    expect(zhResult.macroF1).toBeGreaterThanOrEqual(0.52);
    expect(enResult.accuracy).toBeGreaterThanOrEqual(0.49);
    expect(enResult.macroF1).toBeGreaterThanOrEqual(0.5);
  });

  it('reports labels whose SHA-1 matches no line instead of skipping them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shared-chat-labels-'));
    const labels = path.join(dir, 'shared-chat.jsonl');
    const file = 'twitch-chat-replay/1087079172.json';
    writeFileSync(labels, `${JSON.stringify({ file, sha1: textSha1('no chatter ever typed this line \u0000'), label: 'neutral', lang: 'en' })}\n`);
    await expect(loadSharedChatLabels(SHARED_DIR, labels)).rejects.toThrow(/1 labelled shared chat line\(s\) not found by SHA-1/);
  });
});

describe('loadSharedChatLabels without ../shared', () => {
  it('returns undefined when the chat folder is missing', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'no-shared-'));
    expect(await loadSharedChatLabels(empty)).toBeUndefined();
  });
});
