import type { Language, SentimentScore } from '../types.js';
import { sentimentTerms, type SentimentTerm } from './sentimentTerms.js';

/**
 * Normalisation constant of score = sum / sqrt(sum² + ALPHA), as in VADER (Hutto & Gilbert 2014):
 * one plain positive word (AFINN +2) lands near 0.46, three strong ones near 0.9.
 * @default 15
 */
export const SENTIMENT_NORMALISATION_ALPHA = 15;
/** Negated valence is flipped and dampened ("not great" is milder than "bad"); VADER's N_SCALAR. */
export const NEGATION_SCALAR = -0.74;
/** A negator reaches this many following terms (VADER looks three words back). */
export const NEGATION_SCOPE_TERMS = 3;
/** An intensifier reaches this many following terms ("太不好用": 太 -> 不 -> 好用). */
export const INTENSIFIER_SCOPE_TERMS = 2;
/** Each '!' adds this much magnitude to a non-zero sum, up to MAX_EXCLAMATIONS (VADER's values). */
export const EXCLAMATION_BOOST = 0.292;
/** Exclamation marks beyond this add nothing ("!!!!!!!!" is no more emphatic than "!!!!"). */
export const MAX_EXCLAMATIONS = 4;
/** Around "but"/但是 the clause before counts half and the clause after 1.5x (VADER's contrast rule). */
const BEFORE_CONTRAST_WEIGHT = 0.5;
const AFTER_CONTRAST_WEIGHT = 1.5;

/**
 * Lexicon-based sentiment of one text in [-1, 1], for English and Chinese (mixed-script lines score
 * both parts). `language` is accepted for callers that know it; the lexicon is chosen per script run,
 * so it does not change the result. Handles negation, intensifiers, emoji/emoticons, chat slang and
 * '!' emphasis; `hits` counts the lexicon, emoji and slang matches that contributed.
 */
export function scoreSentiment(text: string, language?: Language): SentimentScore {
  void language;
  return scoreTerms(sentimentTerms(text));
}

/** Scores an already-lexed term sequence (exposed so the scoring rules can be tested in isolation). */
export function scoreTerms(terms: readonly SentimentTerm[]): SentimentScore {
  let sum = 0;
  let hits = 0;
  let exclamations = 0;
  let clauseWeight = 1;
  let negatorAt = Number.NEGATIVE_INFINITY;
  let negated = false;
  let intensifierAt = Number.NEGATIVE_INFINITY;
  let factor = 1;

  const addValence = (value: number, index: number, reaction: boolean): void => {
    let contribution = value;
    if (!reaction) {
      if (index - intensifierAt <= INTENSIFIER_SCOPE_TERMS) {
        contribution *= factor;
        intensifierAt = Number.NEGATIVE_INFINITY;
        factor = 1;
      }
      if (negated && index - negatorAt <= NEGATION_SCOPE_TERMS) contribution *= NEGATION_SCALAR;
    }
    sum += contribution * clauseWeight;
    hits += 1;
  };

  // Stacked intensifiers multiply ("真的太好看"); a lone one starts afresh.
  const intensify = (termFactor: number, index: number): void => {
    factor = index - intensifierAt <= INTENSIFIER_SCOPE_TERMS ? factor * termFactor : termFactor;
    intensifierAt = index;
  };

  terms.forEach((term, index) => {
    switch (term.kind) {
      case 'break':
        exclamations += term.exclamations;
        negatorAt = intensifierAt = Number.NEGATIVE_INFINITY;
        negated = false;
        factor = 1;
        if (term.contrast) {
          sum *= BEFORE_CONTRAST_WEIGHT;
          clauseWeight = AFTER_CONTRAST_WEIGHT;
        }
        return;
      case 'negator':
        // A second negator inside the first one's scope cancels it: 没有不好 = "not bad".
        negated = index - negatorAt <= NEGATION_SCOPE_TERMS ? !negated : true;
        negatorAt = index;
        return;
      case 'intensifier':
        intensify(term.factor, index);
        return;
      case 'ambivalent': {
        const next = terms[index + 1];
        if (next !== undefined && (next.kind === 'valence' || next.kind === 'ambivalent') && !isReaction(next)) {
          intensify(term.factor, index);
        } else {
          addValence(term.value, index, false);
        }
        return;
      }
      case 'valence':
        if (term.value !== 0) addValence(term.value, index, term.reaction);
        return;
      case 'neutral':
        return;
    }
  });

  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_BOOST;
  return { score: normalise(sum), hits };
}

function isReaction(term: SentimentTerm): boolean {
  return term.kind === 'valence' && term.reaction;
}

/** VADER-style squashing into [-1, 1], rounded to 4 decimals so outputs are stable across platforms. */
function normalise(sum: number): number {
  if (sum === 0) return 0;
  const score = sum / Math.sqrt(sum * sum + SENTIMENT_NORMALISATION_ALPHA);
  return Math.round(Math.max(-1, Math.min(1, score)) * 10_000) / 10_000;
}
