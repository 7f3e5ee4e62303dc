/** Number formats shared by the signals' explanations ("loudness +6.2 LU over baseline", "in 10 s"). */

/** The evidence value at second `at` (0 past the end). */
export function valueAt(series: readonly number[], at: number): number {
  return series[at] ?? 0;
}

/** `value` with an explicit sign, e.g. "+6.2". */
export function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return value >= 0 ? `+${text}` : text;
}

/** An amount of money: whole amounts as they are, others to the cent. */
export function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** A setting or count: whole numbers as they are, others to one decimal. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A window length, e.g. "10 s". */
export function formatSeconds(value: number): string {
  return `${formatNumber(value)} s`;
}
