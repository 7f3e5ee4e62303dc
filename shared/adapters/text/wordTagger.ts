/**
 * The word tagger topic mining reads (core/text/partOfSpeech.ts), with compromise loaded on first use: loading it takes
 * most of a second, which only a run that mines topics should pay, not every command's start.
 */
import { wordTagger, type TagWords } from '../../core/text/partOfSpeech.js';

let loading: Promise<TagWords> | undefined;

/** The English and Chinese word tagger; loads compromise once per process. */
export function loadWordTagger(): Promise<TagWords> {
  loading ??= import('compromise').then(({ default: nlp }) => wordTagger(nlp));
  return loading;
}
