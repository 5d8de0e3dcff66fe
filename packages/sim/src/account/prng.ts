// Seeded pseudo-random numbers: the simulator never calls Math.random, so a seed fixes every draw.

/** A uniform draw in [0, 1). */
export type Prng = () => number;

/** mulberry32: 32 bits of state, fast and well distributed enough for arrival jitter. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's 32-bit finaliser. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The seed of one independent stream (e.g. arrivals of service 2, attribute noise of service 0), so that
 * adding draws to one stream never shifts another. Seeds up to 2^53 keep their high bits.
 */
export function streamSeed(seed: number, stream: number): number {
  const high = Math.floor(seed / 2 ** 32);
  return mix32(mix32(seed >>> 0) ^ mix32(high + 0x9e3779b9) ^ mix32(stream * 0x632be5ab + 1));
}
