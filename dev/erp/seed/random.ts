/**
 * The seed's only source of randomness: mulberry32, a tiny seedable PRNG, wrapped with the draws the
 * generator needs. Never `Math.random`: the same seed must always give the same books.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

// Bound once: under jest every global lookup crosses the vm context's interceptors, which tripled the
// time of 100 000 items there.
const imul = Math.imul;
const floor = Math.floor;

/** mulberry32 (uniform 32-bit output, period 2^32): fast and good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(values: readonly T[]): T {
      if (values.length === 0) throw new RangeError('pick: no values to pick from');
      return values[floor(next() * values.length)] as T;
    },
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, weight] of entries) total += weight;
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (last === undefined) throw new RangeError('weighted: no entries to pick from');
      return last[0];
    },
  };
}

/** A 32-bit FNV-1a hash of a string: turns an id into a seed, so per-record details need no shared state. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
