import { SendPacer } from './send-pacer';

describe('SendPacer', () => {
  test('spaces sends at the pace, whoever asks, and no sliding minute ever holds more than the pace', async () => {
    const pacer = new SendPacer({ messagesPerMinute: 5, minuteMs: 100 }); // one every 20 ms
    const at = (await Promise.all(Array.from({ length: 16 }, () => pacer.acquire(1)))).sort((a, b) => a - b);
    for (const start of at)
      expect(at.filter((t) => t >= start && t < start + 100).length).toBeLessThanOrEqual(5);
    // 16 sends at 5 per 100 ms: at least three full "minutes" after the first.
    expect((at[15] as number) - (at[0] as number)).toBeGreaterThanOrEqual(295);
    expect(pacer.etaMs(10)).toBe(200);
  });

  test('waits when the day has no room for more recipients (To and CC), counting those sent earlier', async () => {
    const pacer = new SendPacer({ messagesPerMinute: 60_000, minuteMs: 0.25, recipientsPerDay: 5 }); // a "day" is 360 ms
    const past = Date.now();
    pacer.recordPast(past, 4);
    expect((await pacer.acquire(1)) - past).toBeLessThan(150);
    // 4 + 1 fill the day: 3 more fit only once the 4 recorded have left it.
    expect((await pacer.acquire(3)) - past).toBeGreaterThanOrEqual(359);
  });

  test('a stopped worker stops waiting', async () => {
    const pacer = new SendPacer({ messagesPerMinute: 1, minuteMs: 60_000 });
    await pacer.acquire(1);
    const stop = new AbortController();
    const waiting = pacer.acquire(1, stop.signal);
    stop.abort(new Error('pane closed'));
    await expect(waiting).rejects.toThrow('pane closed');
  });
});
