/**
 * One outbox worker per mailbox cache at a time: two workers on the same jobs (two tabs of Outlook on the
 * web share IndexedDB) could each send the same draft-less job. In a browser the Web Locks API holds the
 * lock across tabs; elsewhere (tests, Node) a lock within this JavaScript realm does.
 */
const held = new Set<string>();

/** Runs `work` holding the lock `name`, or returns `undefined` at once when someone else holds it. */
export async function withOutboxLock<T>(name: string, work: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks !== undefined) {
    let ran = false;
    const result = await locks.request(`solleciti-outbox:${name}`, { ifAvailable: true }, async (lock) => {
      if (lock === null) return undefined;
      ran = true;
      return work();
    });
    return ran ? result : undefined;
  }
  if (held.has(name)) return undefined;
  held.add(name);
  try {
    return await work();
  } finally {
    held.delete(name);
  }
}
