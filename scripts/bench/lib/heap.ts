/**
 * Heap measurements for the benchmarks: a full garbage collection before each reading, so the difference
 * between two readings is what survived (the retained size of what was built in between). `npm run
 * bench:plan` starts Node with `--expose-gc`; run any other way, the collector is exposed at run time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = () => void;

function exposeGc(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  if (typeof gc !== 'function')
    throw new Error('cannot expose the garbage collector: run node with --expose-gc');
  return gc as Collect;
}

const collect = exposeGc();

/** Heap in use, in bytes, after a full collection (twice: weak references and finalisers may free more). */
export function settledHeap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/**
 * The bytes retained by what `build` returns: the settled heap while it is still referenced minus the
 * settled heap before it was built. `keep` is called after the second reading, so the result stays alive.
 */
export function retainedBytes<T>(build: () => T, keep: (value: T) => void): number {
  const before = settledHeap();
  const value = build();
  const after = settledHeap();
  keep(value);
  return after - before;
}

/** Bytes in a megabyte (decimal, as the tables report). */
export const MB = 1e6;
