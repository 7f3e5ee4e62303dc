import { isQuestion } from '../../chat/isQuestion.js';
import { isReaction } from '../../chat/isReaction.js';
import type { HighlightConfig } from '../config.js';
import type { HighlightInputs } from '../highlightInputs.js';
import { countedMessages } from './countedMessages.js';
import type { ChatPrompt } from './chatPrompts.js';
import { echoLines } from './echoLines.js';
import { streamSecond } from './secondIndex.js';
import { sentimentIntensity } from './sentimentIntensity.js';

/** The show's viewer lines per second, each classified once for the four chat signals (see classifyChatLines). */
export type ChatLineCounts = ReturnType<typeof classifyChatLines>;

/**
 * Classifies the show's chat into per-second counts for the four chat signals (chatRate, questions, reactions,
 * chatSentiment). Each line feeds one of questions, reactions or sentiment, so those signals are separate evidence:
 * laughter is positive by nature, and counting it again as sentiment would let one burst corroborate itself. Spam
 * (a viewer's lines beyond `maxMessagesPerViewer` per chat window) counts nowhere, and neither does a flood of one
 * short token (signals/echoLines.ts), which is participation rather than reaction.
 */
export function classifyChatLines(chat: HighlightInputs['chat'], n: number, config: HighlightConfig, prompts: readonly ChatPrompt[] = []) {
  const lines = new Array<number>(n).fill(0);
  const questions = new Array<number>(n).fill(0);
  const reactions = new Array<number>(n).fill(0);
  const intensity = new Array<number>(n).fill(0);
  const positive = new Array<number>(n).fill(0);
  const negative = new Array<number>(n).fill(0);
  const participation = new Array<number>(n).fill(0);
  const counted = countedMessages(chat, config);
  const echoed = echoLines(chat, counted, (index) => streamSecond(chat[index]!, n), n, {
    windowSeconds: config.chatWindowSeconds,
    minLines: config.echoMinLines,
    minShare: config.echoMinShare,
    prompts,
  });
  chat.forEach((message, index) => {
    const i = streamSecond(message, n);
    if (counted[index] !== 1 || i === undefined) return;
    // A flood of one token is the audience doing what it was asked: participation, no signal's evidence.
    if (echoed[index] === 1) {
      participation[i] = (participation[i] ?? 0) + 1;
      return;
    }
    lines[i] = (lines[i] ?? 0) + 1;
    if (isQuestion(message.text)) {
      questions[i] = (questions[i] ?? 0) + 1;
      return;
    }
    if (isReaction(message.text)) {
      reactions[i] = (reactions[i] ?? 0) + 1;
      return;
    }
    const value = sentimentIntensity(message.sentiment);
    if (value > 0) {
      intensity[i] = (intensity[i] ?? 0) + value;
      if (message.sentiment.score > 0) positive[i] = (positive[i] ?? 0) + 1;
      else negative[i] = (negative[i] ?? 0) + 1;
    }
  });
  return {
    /** Every counted line. */
    lines,
    questions,
    /** Laughter and emotes. */
    reactions,
    /** Summed sentiment intensity of the lines that are neither questions nor reactions. */
    intensity,
    /** How many of those were positive / negative. */
    positive,
    negative,
    /** Lines echoing a flooding token (扣1, "1", 666): counted apart, in no signal. */
    participation,
  };
}
