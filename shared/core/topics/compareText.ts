/** Code-point order of two strings: deterministic on every machine, unlike `localeCompare` (depends on the ICU build). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
