/**
 * Chinese text normalisation before character error rate, as ../shared/data/SPEECH_SOURCES.md asks: punctuation and
 * whitespace removed, digits mapped to Chinese numerals. References write "26年" where the speaker says 二十六年, and
 * engines disagree on which form they print, so both sides are brought to the spoken (numeral) form.
 *
 * Pure functions: no I/O.
 */

const DIGIT_NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
/** Place names inside a group of four digits, lowest first (units, tens, hundreds, thousands). */
const PLACE_NAMES = ['', '十', '百', '千'] as const;
/** Names of the four-digit groups, lowest first: 1, 10^4, 10^8, 10^12. */
const GROUP_NAMES = ['', '万', '亿', '万亿'] as const;
/** Longest digit run read as a number; longer runs (phone numbers, ids) are read digit by digit. */
const MAX_CARDINAL_DIGITS = 16;

/** Reads each digit on its own ("2024" -> 二零二四), the way years, phone numbers and codes are spoken. */
export function digitsOneByOne(digits: string): string {
  return [...digits].map((digit) => DIGIT_NAMES[Number(digit)] ?? digit).join('');
}

/** Reads a group of up to four digits as a number, with 零 for inner gaps ("1005" -> 一千零五); '' for 0000. */
function readGroup(group: number): string {
  let out = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place -= 1) {
    const digit = Math.floor(group / 10 ** place) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += `${DIGIT_NAMES[digit]}${PLACE_NAMES[place]}`;
  }
  return out;
}

/**
 * Reads an unsigned integer written in ASCII digits as a Chinese cardinal number:
 * "26" -> 二十六, "10" -> 十, "110" -> 一百一十, "10001" -> 一万零一. Leading zeros and very long runs are read digit by digit.
 */
export function chineseCardinal(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new Error(`not a digit string: ${JSON.stringify(digits)}`);
  if ((digits.length > 1 && digits.startsWith('0')) || digits.length > MAX_CARDINAL_DIGITS) return digitsOneByOne(digits);
  if (/^0+$/.test(digits)) return '零';
  const groups: number[] = [];
  for (let end = digits.length; end > 0; end -= 4) groups.push(Number(digits.slice(Math.max(0, end - 4), end)));
  let out = '';
  let pendingZero = false;
  for (let index = groups.length - 1; index >= 0; index -= 1) {
    const group = groups[index] ?? 0;
    if (group === 0) {
      if (out) pendingZero = true;
      continue;
    }
    // A lower group below 1000 after a higher one needs a 零 ("10050" -> 一万零五十).
    if (out && (pendingZero || group < 1000)) out += '零';
    pendingZero = false;
    out += readGroup(group) + (GROUP_NAMES[index] ?? '');
  }
  // 一十 at the very start is said 十 ("15" -> 十五), not inside a number ("115" -> 一百一十五).
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** Replaces digit runs (percentages, decimals, four-digit years, integers) by their spoken Chinese form. */
export function digitsToChineseNumerals(text: string): string {
  return (
    text
      // 50% -> 百分之五十 (read before the integer rule; the % sign itself is punctuation and would be dropped).
      .replace(/(\d+(?:\.\d+)?)%/g, (_, number: string) => `百分之${readNumber(number)}`)
      // Years are read digit by digit: 2024年 -> 二零二四年.
      .replace(/(\d{4})(?=年)/g, (_, year: string) => digitsOneByOne(year))
      .replace(/\d+(?:\.\d+)?/g, (number) => readNumber(number))
  );
}

/** Integer or decimal: "3.14" -> 三点一四. */
function readNumber(number: string): string {
  const [whole = '', fraction] = number.split('.');
  return fraction === undefined ? chineseCardinal(whole) : `${chineseCardinal(whole)}点${digitsOneByOne(fraction)}`;
}

/**
 * Normalised text for CER: full-width forms folded (NFKC), Latin lowercased, 〇 read as 零, digits to numerals,
 * punctuation and whitespace removed except single spaces that keep Latin words apart.
 */
export function normaliseChineseForScoring(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase().replace(/〇/g, '零');
  return digitsToChineseNumerals(folded)
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    // An apostrophe only belongs inside a Latin word ("don't"); elsewhere it is a quote mark.
    .replace(/(?<![a-z])'|'(?![a-z])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Scoring tokens for Chinese and code-switched text: each Han (or kana/hangul) character is one token, each Latin
 * word or digit run one token, so "test中文" is [test, 中, 文]. Counting English words letter by letter would weigh one
 * misheard English word as heavily as a whole Chinese sentence.
 */
export function chineseScoringTokens(text: string): string[] {
  return normaliseChineseForScoring(text).match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) ?? [];
}
