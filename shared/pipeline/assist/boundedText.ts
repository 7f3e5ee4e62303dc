/** Show text goes to a language model as bounded, quoted data: never more than it needs, never instructions. */

/** Longest line sent to a model, characters. */
export const MAX_LINE_CHARS = 200;

export function boundLines(lines: readonly string[], maxLines: number, maxChars = MAX_LINE_CHARS): string[] {
  return lines.slice(0, maxLines).map((line) => (line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line));
}
