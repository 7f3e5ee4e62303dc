/** Rounds to a fixed number of decimals, so scores print and compare the same everywhere. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
