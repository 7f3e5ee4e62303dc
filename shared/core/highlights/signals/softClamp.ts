/**
 * Clamps a normalised value into [0, ceiling): linear up to half the ceiling (where every threshold
 * lives), then bent towards the ceiling by x / (1 + x), which has slope 1 at the knee and saturates
 * slowly. Unlike a hard clamp this keeps the order of big outliers (a 150-message burst still outranks
 * a 50-message one) while no single signal can drown the others.
 */
export function softClamp(value: number, ceiling: number): number {
  if (Number.isNaN(value) || value <= 0) return 0;
  const knee = ceiling / 2;
  if (value <= knee) return value;
  if (value === Infinity) return ceiling;
  const x = (value - knee) / (ceiling - knee);
  return knee + (ceiling - knee) * (x / (1 + x));
}
