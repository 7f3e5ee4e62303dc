/**
 * Participation, not reaction: lines that echo one short token many viewers type at once ("1", "扣1", "666",
 * "111") because the host asked (a draw, "type 1 if you want it") or because a crowd copies itself. A spontaneous
 * burst is diverse (哈哈哈, 笑死, "no way", 🔥🔥); a prompted flood is one token. Such lines are counted apart, so
 * a giveaway's hundreds of "1"s do not read as the show's best moment.
 */
import type { ChatMessage } from '../../types.js';
import { movingSum } from '../robustStats.js';
import type { OnStreamClock } from '../streamClock.js';
import { PROMPT_ANSWER_SECONDS, type ChatPrompt } from './chatPrompts.js';

/** Longest text, in code points after normalising, that can be an echoed token. */
const MAX_TOKEN_CHARS = 6;

export interface EchoOptions {
  /** Window in seconds over which a token's share of the lines is judged (the chat window). */
  readonly windowSeconds: number;
  /** Fewest lines of one token in a window for it to be an echo. */
  readonly minLines: number;
  /** Smallest share of the window's counted lines the token must have. */
  readonly minShare: number;
  /**
   * The host's requests for a token (chatPrompts.ts): within PROMPT_ANSWER_SECONDS after one, its tokens need only
   * half of `minShare`, so a draw's tail and a flood mixed with the questions it draws still count as answers.
   */
  readonly prompts?: readonly ChatPrompt[];
}

/**
 * The token a line echoes: NFKC, lower case, no spaces or punctuation, no 扣 before it, a draw's keyword typed twice or more
 * (然然超可爱然然超可爱) folded to one copy and a run of 1s of any length to "1"; undefined when too long to be one.
 * Runs of other single characters stay as typed: 哈哈哈哈 and 8888 of varying length are a crowd laughing or
 * applauding, each viewer in their own way, while 1111111 is an entry in the draw.
 */
export function echoToken(text: string): string | undefined {
  let token = text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}]+/gu, '');
  const unit = /^(.{2,}?)\1+$/u.exec(token)?.[1];
  if (unit !== undefined && new Set(unit).size > 1) token = unit;
  // 扣X is "typing X": viewers answering 扣1 type 1 or 扣1 alike, one answer.
  token = token.replace(/^扣(?=.)/u, '');
  if (/^1+$/u.test(token)) token = '1';
  return token.length > 0 && [...token].length <= MAX_TOKEN_CHARS ? token : undefined;
}

/**
 * 1 for each counted line that echoes a flooding token, 0 otherwise. `counted` marks the lines that count at all
 * (spam beyond a viewer's share is already out); `second` is each line's second on the stream clock.
 */
export function echoLines(chat: readonly OnStreamClock<ChatMessage>[], counted: Uint8Array, second: (index: number) => number | undefined, n: number, options: EchoOptions): Uint8Array {
  const echoed = new Uint8Array(chat.length);
  // Centred windows of an odd number of seconds: [i - half, i + half].
  const window = 2 * Math.floor(options.windowSeconds / 2) + 1;
  const total = new Array<number>(n).fill(0);
  const byToken = new Map<string, number[]>();
  chat.forEach((message, index) => {
    const at = second(index);
    if (counted[index] !== 1 || at === undefined) return;
    total[at] = (total[at] ?? 0) + 1;
    const token = echoToken(message.text);
    if (token === undefined) return;
    const indexes = byToken.get(token);
    if (indexes) indexes.push(index);
    else byToken.set(token, [index]);
  });
  const windowSum = movingSum(total, window);
  for (const [token, indexes] of byToken) {
    if (indexes.length < options.minLines) continue;
    const askedAt = (options.prompts ?? []).filter((p) => p.tokens.includes(token)).map((p) => p.at);
    const answersPrompt = (at: number) => askedAt.some((t) => at >= t && at <= t + PROMPT_ANSWER_SECONDS);
    const perSecond = new Array<number>(n).fill(0);
    for (const index of indexes) {
      const at = second(index)!;
      perSecond[at] = (perSecond[at] ?? 0) + 1;
    }
    const tokenSum = movingSum(perSecond, window);
    for (const index of indexes) {
      const at = second(index)!;
      const lines = tokenSum[at] ?? 0;
      const share = answersPrompt(at) ? options.minShare / 2 : options.minShare;
      if (lines >= options.minLines && lines >= share * (windowSum[at] ?? 0)) echoed[index] = 1;
    }
  }
  return echoed;
}

