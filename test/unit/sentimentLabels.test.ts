import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import type { LabelledText, SentimentLabel } from '../../shared/core/sentiment/evaluateSentiment.js';
import { loadLabelledTexts, parseLabelledTexts } from '../../scripts/sentimentEval/labelledTexts.js';
import { parseSharedChatLabels, SHARED_CHAT_LABELS, textSha1 } from '../../scripts/sentimentEval/sharedChatLines.js';

const texts = await loadLabelledTexts();
const LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral'];

/** Share of items per key, e.g. { positive: 0.4, ... }. */
function shares(items: readonly LabelledText[], key: (item: LabelledText) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count / items.length]));
}

describe('eval/sentiment labelled texts', () => {
  it.each(['en', 'zh'] as const)('%s.jsonl parses into about 160 lines with language, source and split', (language) => {
    const items = texts.filter((item) => item.language === language);
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.length).toBeLessThanOrEqual(170);
    for (const item of items) {
      expect(item.source).toMatch(/^(chat|speech)$/);
      expect(item.split).toMatch(/^(dev|test)$/);
    }
  });

  it.each(['en', 'zh'] as const)('%s: dev and test are half each, with the same label and source mix', (language) => {
    const dev = texts.filter((item) => item.language === language && item.split === 'dev');
    const test = texts.filter((item) => item.language === language && item.split === 'test');
    expect(dev.length).toBe(test.length);
    const byLabelAndSource = (item: LabelledText): string => `${item.label}/${item.source}`;
    expect(shares(dev, byLabelAndSource)).toEqual(shares(test, byLabelAndSource));
    // Target mix: about 40% positive, 30% negative, 30% neutral; half chat, half speech.
    const labelShares = shares(test, (item) => item.label);
    expect(labelShares.positive).toBeCloseTo(0.4, 1);
    expect(labelShares.negative).toBeCloseTo(0.3, 1);
    expect(labelShares.neutral).toBeCloseTo(0.3, 1);
    expect(shares(test, (item) => item.source ?? '').chat).toBeCloseTo(0.5, 1);
  });

  it('has no duplicate texts, so dev and test are disjoint', () => {
    const normalised = texts.map((item) => item.text.trim().toLowerCase());
    expect(new Set(normalised).size).toBe(normalised.length);
    const devTexts = new Set(texts.filter((item) => item.split === 'dev').map((item) => item.text));
    expect(texts.filter((item) => item.split === 'test' && devTexts.has(item.text))).toEqual([]);
  });

  it('reports a bad line with its file and line number', () => {
    const good = JSON.stringify({ text: 'ok', label: 'neutral', source: 'chat', split: 'dev' });
    expect(() => parseLabelledTexts(`${good}\n{"text":"x","label":"happy","source":"chat","split":"dev"}\n`, 'en')).toThrow(
      /en\.jsonl:2: label/,
    );
    expect(() => parseLabelledTexts(`${good}\n\nnot json\n`, 'zh')).toThrow(/zh\.jsonl:3: not valid JSON/);
    expect(() => parseLabelledTexts(`{"text":"x","label":"neutral","source":"chat","split":"dev","extra":1}`, 'en')).toThrow(
      InputError,
    );
    expect(parseLabelledTexts(`${good}\n`, 'zh')).toEqual([{ text: 'ok', label: 'neutral', source: 'chat', split: 'dev', language: 'zh' }]);
  });
});

describe('eval/sentiment/shared-chat.jsonl', () => {
  const labels = parseSharedChatLabels(readFileSync(SHARED_CHAT_LABELS, 'utf8'));

  it('holds about 100 labelled lines per language, every label present, and no chat text', () => {
    for (const lang of ['zh', 'en'] as const) {
      const ofLanguage = labels.filter((label) => label.lang === lang);
      expect(ofLanguage.length).toBeGreaterThanOrEqual(90);
      for (const label of LABELS) expect(ofLanguage.filter((item) => item.label === label).length).toBeGreaterThanOrEqual(10);
    }
    const raw = readFileSync(SHARED_CHAT_LABELS, 'utf8');
    for (const line of raw.split('\n').filter(Boolean)) expect(Object.keys(JSON.parse(line) as object).sort()).toEqual(['file', 'label', 'lang', 'sha1']);
  });

  it('references each chat line once', () => {
    const keys = labels.map((label) => `${label.file}#${label.sha1}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('rejects paths that leave the chat folder, with the line number', () => {
    const line = JSON.stringify({ file: '../secret.xml', sha1: textSha1('x'), label: 'neutral', lang: 'zh' });
    expect(() => parseSharedChatLabels(`${line}\n`)).toThrow(/shared-chat\.jsonl:1:/);
  });

  it('hashes the UTF-8 bytes of the exact text', () => {
    expect(textSha1('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(textSha1('abc ')).not.toBe(textSha1('abc'));
    // UTF-8, not UTF-16: 好 is e5 a5 bd.
    expect(textSha1('好')).toBe(textSha1(Buffer.from([0xe5, 0xa5, 0xbd]).toString('utf8')));
  });
});
