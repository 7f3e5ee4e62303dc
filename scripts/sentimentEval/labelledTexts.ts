/**
 * Loads the hand-labelled sentiment texts (eval/sentiment/{en,zh}.jsonl) and measures `scoreSentiment` on them
 * and on the labelled real chat lines from ../shared, for the evaluation harness to print.
 *
 * Imperative evaluation tooling (file I/O); the scoring and metrics are the pure core's.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../shared/core/errors.js';
import {
  evaluateSentiment,
  labelledTextSchema,
  SENTIMENT_NEUTRAL_BAND,
  type LabelledText,
  type SentimentEvaluation,
} from '../../shared/core/sentiment/evaluateSentiment.js';
import type { Language } from '../../shared/core/types.js';
import { loadSharedChatLabels } from './sharedChatLines.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the labelled files live, relative to the repository root. */
export const LABELLED_TEXTS_DIR = 'eval/sentiment';
/** ../shared relative to the repository root. */
export const DEFAULT_SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

const LANGUAGES: readonly Language[] = ['en', 'zh'];

/** Names of the sets in the accuracy report, in print order. */
export type SentimentSetName = 'en-test' | 'zh-test' | 'en-dev' | 'zh-dev' | 'shared-zh' | 'shared-en';

/** One evaluated set: its name, the band used and the metrics. */
export interface SentimentSetReport {
  readonly set: SentimentSetName;
  readonly neutralBand: number;
  readonly evaluation: SentimentEvaluation;
}

/** Parses one language's JSONL; a bad line throws an InputError naming `name:line`. */
export function parseLabelledTexts(text: string, language: Language, name = `${language}.jsonl`): LabelledText[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError(`${name}:${index + 1}: not valid JSON`);
    }
    const parsed = labelledTextSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(`${name}:${index + 1}: ${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'}`);
    }
    return [{ ...parsed.data, language: parsed.data.language ?? language }];
  });
}

/** en.jsonl then zh.jsonl from `dir` (relative paths resolve against the repository root). */
export async function loadLabelledTexts(dir: string = LABELLED_TEXTS_DIR): Promise<LabelledText[]> {
  const base = path.resolve(REPO_ROOT, dir);
  const sets = await Promise.all(
    LANGUAGES.map(async (language) => parseLabelledTexts(await readFile(path.join(base, `${language}.jsonl`), 'utf8'), language)),
  );
  return sets.flat();
}

/**
 * Accuracy, macro-F1 and confusion per set: en/zh test and dev splits, then the labelled real chat lines
 * (shared-zh, shared-en), which are left out when `sharedDir` has no data/chat folder.
 */
export async function sentimentAccuracyReport(
  sharedDir: string = DEFAULT_SHARED_DIR,
  neutralBand: number = SENTIMENT_NEUTRAL_BAND,
): Promise<SentimentSetReport[]> {
  const texts = await loadLabelledTexts();
  const shared = await loadSharedChatLabels(sharedDir);
  const sets: [SentimentSetName, readonly LabelledText[]][] = [
    ['en-test', texts.filter((item) => item.language === 'en' && item.split === 'test')],
    ['zh-test', texts.filter((item) => item.language === 'zh' && item.split === 'test')],
    ['en-dev', texts.filter((item) => item.language === 'en' && item.split === 'dev')],
    ['zh-dev', texts.filter((item) => item.language === 'zh' && item.split === 'dev')],
  ];
  if (shared !== undefined) {
    sets.push(['shared-zh', shared.filter((item) => item.language === 'zh')]);
    sets.push(['shared-en', shared.filter((item) => item.language === 'en')]);
  }
  return sets.map(([set, items]) => ({ set, neutralBand, evaluation: evaluateSentiment(items, neutralBand) }));
}
