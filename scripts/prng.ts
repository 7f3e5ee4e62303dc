/** Seeded randomness for generated media, samples and test data: the same seed gives the same show. */

/** mulberry32: a tiny, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An independent stream per concern (a salt per concern), so changing one part of a generator (say, the chat)
 * does not move the random numbers another part (say, the audio timeline) draws.
 */
export function seededStream(seed: number, salt: number): () => number {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0);
}

/** Uniform in [lo, hi). */
export const uniform = (rng: () => number, lo: number, hi: number): number => lo + (hi - lo) * rng();
/** Integer in [lo, hi]. */
export const intBetween = (rng: () => number, lo: number, hi: number): number => Math.floor(uniform(rng, lo, hi + 1));
/** Log-uniform in [lo, hi). */
export const logUniform = (rng: () => number, lo: number, hi: number): number => lo * Math.pow(hi / lo, rng());

/** One item of a non-empty list. */
export function pick<T>(rng: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(rng: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Standard normal (Box-Muller). */
export function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Milliseconds precision keeps generated files short and byte-stable. */
export const round3 = (x: number): number => Math.round(x * 1000) / 1000;
