/**
 * Caption line breaking by display width: a CJK character is twice as wide as a Latin one, so a
 * Chinese line holds half as many characters. Lines break between words (never inside a Latin word),
 * preferring a break after punctuation.
 */

/** Wide (two-column) characters: CJK ideographs, kana, hangul, CJK punctuation and full-width forms. */
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u;

/** True for a wide (CJK) character. */
export const isWide = (char: string): boolean => WIDE.test(char);

/** Display width of text: CJK characters count 2, everything else 1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char) ? 2 : 1;
  return width;
}

/** Text ending in punctuation a line may break after (Latin and CJK). */
const ENDS_WITH_PUNCTUATION = /[,.!?;:，。！？；：、…）」』】》)\]]$/u;

/**
 * Joins words into display text: a space between Latin words, none where either side is CJK
 * (Chinese is written without spaces, and "这个iPhone" reads better unspaced in a caption).
 */
export function joinWords(words: readonly string[], format: (word: string, index: number) => string = (word) => word): string {
  let text = '';
  let previous = '';
  words.forEach((word, index) => {
    if (index > 0 && needsSpace(previous, word)) text += ' ';
    text += format(word, index);
    previous = word;
  });
  return text;
}

function needsSpace(before: string, after: string): boolean {
  if (before === '' || after === '') return false;
  return !isWide(before.at(-1) ?? '') && !isWide([...after][0] ?? '') && !/^[,.!?;:，。！？；：、…]/u.test(after);
}

/**
 * Groups words into lines of at most `maxWidth` display columns, in order. A word wider than a line
 * gets a line of its own (it is never split). When a line overflows, the break moves back to just after
 * the last punctuation in the line's second half, so clauses stay together.
 * @returns each line as the indexes of its words
 */
export function breakLines(words: readonly string[], maxWidth: number): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const candidate = [...line, index];
    if (line.length === 0 || displayWidth(joinWords(candidate.map((i) => words[i] ?? ''))) <= maxWidth) {
      line = candidate;
      continue;
    }
    const keep = punctuationBreak(line, words);
    lines.push(line.slice(0, keep));
    line = [...line.slice(keep), index];
    // The carried-over words plus this one may still overflow: then break before this word.
    if (line.length > 1 && displayWidth(joinWords(line.map((i) => words[i] ?? ''))) > maxWidth) {
      lines.push(line.slice(0, -1));
      line = [index];
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** How many words of a full line to keep: up to the last punctuation in its second half, else all. */
function punctuationBreak(line: readonly number[], words: readonly string[]): number {
  for (let keep = line.length - 1; keep >= Math.ceil(line.length / 2); keep -= 1) {
    if (ENDS_WITH_PUNCTUATION.test(words[line[keep - 1] ?? -1] ?? '')) return keep;
  }
  return line.length;
}

/**
 * Like {@link breakLines}, with the lines evened out: the narrowest width that still gives as few
 * lines as `maxWidth` does, so a sentence on two lines is not one full line and a stray word.
 */
export function balancedLines(words: readonly string[], maxWidth: number): number[][] {
  let best = breakLines(words, maxWidth);
  if (best.length < 2) return best;
  for (let width = maxWidth - 1; width > 0; width -= 1) {
    const lines = breakLines(words, width);
    if (lines.length > best.length) break;
    best = lines;
  }
  return best;
}
