/**
 * Reads a displayed money amount ("¥1,000", "CA$2.00", "RUB 100.00", "20,00 €") into a number and an
 * ISO 4217 code. YouTube formats Super Chat amounts in the viewer's locale, so the symbol may come before
 * or after the number and the decimal mark may be `.` or `,`. Pure.
 */

/** An amount read from text; `currency` is an ISO 4217 code, or the raw symbol when it is not in the table. */
export interface MoneyAmount {
  readonly amount: number;
  readonly currency?: string;
}

/**
 * Currency symbols and prefixes as YouTube shows them, to ISO 4217 codes. Bare three-letter codes
 * ("CZK 20.00", "PHP 100.00") need no entry. `¥` is JPY: YouTube writes the yuan as `CN¥`.
 * Ambiguous symbols (`kr`, `C$`, bare `R`) are left out on purpose: they come back as the raw symbol.
 */
const SYMBOL_CURRENCIES: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  CA$: 'CAD',
  HK$: 'HKD',
  MX$: 'MXN',
  NT$: 'TWD',
  NZ$: 'NZD',
  R$: 'BRL',
  S$: 'SGD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '￥': 'JPY',
  'CN¥': 'CNY',
  '₹': 'INR',
  '₩': 'KRW',
  '￦': 'KRW',
  '₱': 'PHP',
  '₫': 'VND',
  '₪': 'ILS',
  '₽': 'RUB',
  '₺': 'TRY',
  '₴': 'UAH',
  '฿': 'THB',
  zł: 'PLN',
  Kč: 'CZK',
  Ft: 'HUF',
  Rp: 'IDR',
  RM: 'MYR',
};

/** Longest raw symbol kept when it is not in the table (a real symbol is a few characters). */
const MAX_RAW_SYMBOL_CHARS = 8;

/** The number inside the text: digits with grouping marks (`,` `.` space, NBSP, narrow NBSP, apostrophe). */
const NUMBER = /\d(?:[\d.,'’ \u00a0\u202f]*\d)?/;

/**
 * The amount and currency of a displayed price, or undefined when the text holds no readable number.
 * @example parseMoneyText('¥1,000') // { amount: 1000, currency: 'JPY' }
 * @example parseMoneyText('20,00 €') // { amount: 20, currency: 'EUR' }
 */
export function parseMoneyText(text: string): MoneyAmount | undefined {
  const match = NUMBER.exec(text);
  if (match === null) return undefined;
  const amount = parseGroupedNumber(match[0]);
  if (amount === undefined) return undefined;

  const prefix = text.slice(0, match.index).trim();
  const suffix = text.slice(match.index + match[0].length).trim();
  const symbol = prefix !== '' ? prefix : suffix;
  if (symbol === '') return { amount };
  const currency = SYMBOL_CURRENCIES[symbol] ?? (/^[A-Z]{3}$/.test(symbol) ? symbol : undefined);
  if (currency !== undefined) return { amount, currency };
  return symbol.length <= MAX_RAW_SYMBOL_CHARS ? { amount, currency: symbol } : { amount };
}

/**
 * A number written with locale grouping: with both `,` and `.` the last one is the decimal mark; with one
 * of them used once and followed by exactly three digits it groups thousands ("1,000", "1.000"); otherwise
 * it is the decimal mark ("2,00", "5.5").
 */
function parseGroupedNumber(raw: string): number | undefined {
  const digits = raw.replace(/[ '’\u00a0\u202f]/g, '');
  const lastComma = digits.lastIndexOf(',');
  const lastDot = digits.lastIndexOf('.');
  let plain: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const grouping = decimal === ',' ? '.' : ',';
    plain = digits.split(grouping).join('').replace(decimal, '.');
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const parts = digits.split(mark);
    const groupsThousands = parts.length > 2 || parts[1]?.length === 3;
    plain = groupsThousands ? parts.join('') : parts.join('.');
  } else {
    plain = digits;
  }
  if (!/^\d+(\.\d+)?$/.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) ? value : undefined;
}
