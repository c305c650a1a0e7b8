import { RequestGate } from './request-gate';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RequestGate', () => {
  test('never lets more than `concurrency` requests through at once', async () => {
    const gate = new RequestGate({ concurrency: 4 });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await gate.enter(0);
        most = Math.max(most, ++inFlight);
        await tick(2);
        inFlight--;
        release();
      }),
    );
    expect(most).toBe(4);
  });

  test('after a 429 every request of the mailbox holds back for the backoff', async () => {
    const gate = new RequestGate();
    gate.pauseFor(40);
    const started = performance.now();
    (await gate.enter(0))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  test('keeps uploads within the budget of its window', async () => {
    const gate = new RequestGate({ uploadBytesPerWindow: 1000, uploadWindowMs: 50 });
    (await gate.enter(800))();
    const started = performance.now();
    (await gate.enter(300))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
  });
});
