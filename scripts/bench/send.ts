/**
 * `npm run bench:send [-- --count 500] [--pace 25] [--time-scale 30]`: sends N reminders (default 300)
 * through the outbox — delta sync, claims, drafts with their real invoice PDFs (small ones inline, the
 * seed's 3–10 MB ones by upload session), send, confirm — against the Graph simulator at its default
 * limits (30 messages a minute, 4 concurrent requests, 10 000 recipients a day, 150 MB per 5 minutes),
 * time-scaled: a simulated minute lasts 60 000 / scale ms (default 30: 2 s). At 60 the one Node thread
 * running the ERP, the simulator and the worker becomes the bottleneck on a busy 2-core machine. The
 * worker's pacing and backoffs are scaled the same way.
 *
 * Prints the achieved sending rate against the rate allowed (the worker's pace, and Exchange's limit),
 * the 429s received and their share of all Graph requests, and the duplicate (item, level, cycle)
 * triples counted from the simulator's submission log. Targets: ≥ 0.9 of the pace, ≤ 1 % 429s, 0 duplicates.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import { GRAPH_LIMITS, startGraphSim } from '../../dev/graph-sim';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { calendarDateOfInstant } from '../../src/domain/calendar';
import { communicationKey } from '../../src/domain/communication-key';
import { documentsOf } from '../../src/domain/plan-reminders';
import { ErpClient } from '../../src/erp/client';
import { takeSnapshot } from '../../src/mail/freshness';
import { GraphMailer } from '../../src/mail/graph-mailer';
import { readTags } from '../../src/mail/message-tags';
import { enqueueBatch, OutboxWorker } from '../../src/mail/outbox';
import { RequestGate } from '../../src/mail/request-gate';
import { openDatabase } from '../../src/store/db';
import { syncAll } from '../../src/store/sync';

const USER = 'marta.rossi@solleciti.example';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number(process.env[`BENCH_SEND_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const count = option('count', 300);
  const pace = option('pace', 25);
  const timeScale = option('time-scale', 30);
  const minuteMs = 60_000 / timeScale;
  const today = calendarDateOfInstant(Date.now(), 'Europe/Rome');

  // Books with about 1.05 grouped reminders per customer due today.
  const seed = generateSeed({ seed: 1, customers: Math.ceil(count * 1.05), items: Math.ceil(count * 5.2), today });
  const erp = await startErpServer({ seed, logError: (error) => console.error(error) });
  const sim = await startGraphSim({ port: 0, dataDir: null, timeScale });
  const db = openDatabase(`bench-send-${USER}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const erpClient = new ErpClient({ baseUrl: erp.url, tokens: devIdentityProvider({ baseUrl: erp.url, user: USER, audience: 'erp' }) });
  // Backoffs scaled like the simulator's windows: the first one is "a second".
  const mailer = new GraphMailer({
    baseUrl: `${sim.url}/v1.0`,
    tokens: devIdentityProvider({ baseUrl: sim.url, user: USER, audience: 'graph' }),
    gate: new RequestGate({ uploadWindowMs: 5 * minuteMs }),
    backoffMs: 1000 / timeScale,
    maxBackoffMs: 32_000 / timeScale,
  });
  try {
    await syncAll(db, erpClient);
    const snapshot = await takeSnapshot(db, Date.now());
    if (!snapshot.ok) throw new Error(snapshot.message);
    const plan = [...snapshot.snapshot.byKey.values()].slice(0, count);
    if (plan.length < count) throw new Error(`the seed yields ${plan.length} reminders, not ${count}`);
    // The demo ERP renders each invoice PDF once (pdf-lib) and then serves it from its cache; a real
    // archive serves stored files. Render them before the clock starts.
    const documents = [...new Set(plan.flatMap((communication) => documentsOf(communication).map((d) => d.documentId)))];
    for (let i = 0; i < documents.length; i += 16) await Promise.all(documents.slice(i, i + 16).map((id) => erpClient.documentPdf(id)));
    await enqueueBatch(db, { mode: 'send', communications: plan });

    const sentAt: number[] = [];
    const worker = new OutboxWorker(
      { db, erp: erpClient, mailer, account: { primaryAddress: USER }, me: USER },
      {
        messagesPerMinute: pace,
        minuteMs,
        settleMs: 60_000,
        resyncEveryMs: 60 * minuteMs,
        onJob: (job) => {
          if (job.state === 'sent' && job.settled !== true) sentAt.push(performance.now());
        },
      },
    );
    console.log(`send benchmark — ${count} reminders (${documents.length} PDFs), pace ${pace}/min, Graph limit ${GRAPH_LIMITS.sendsPerMinute}/min, time scale ${timeScale} (a minute = ${minuteMs.toFixed(0)} ms)`);
    const started = performance.now();
    const result = await worker.run();
    const elapsed = performance.now() - started;
    if (result.status !== 'done') throw new Error(`the run stopped: ${result.reason} ${result.message}`);

    // Steady rate, first to last send; overall rate, from the start of the run (sync included).
    sentAt.sort((a, b) => a - b);
    const first = sentAt[0] ?? started;
    const last = sentAt[sentAt.length - 1] ?? started;
    const steady = ((sentAt.length - 1) / (last - first)) * minuteMs;
    const overall = (sentAt.length / elapsed) * minuteMs;

    const levels = seed.setup.levels.map((level) => level.id);
    const triples = new Map<string, number>();
    const submissions = sim.control.dump(USER).sent;
    for (const record of submissions) {
      const { key, items } = readTags(record.singleValueExtendedProperties);
      const levelId = levels.find((level) => items !== undefined && communicationKey(level, items) === key);
      for (const [itemId, cycle] of items ?? []) triples.set(`${itemId}|${levelId}|${cycle}`, (triples.get(`${itemId}|${levelId}|${cycle}`) ?? 0) + 1);
    }
    const duplicates = [...triples.values()].filter((n) => n > 1).length;
    const { requests, throttled } = mailer.stats;
    const ratio = (value: number) => value.toFixed(2);
    console.log(`sent               ${submissions.length} messages, ${triples.size} (item, level, cycle) triples, in ${(elapsed / 1000).toFixed(1)} s (${(elapsed / minuteMs).toFixed(1)} simulated minutes)`);
    console.log(`rate               ${steady.toFixed(1)}/min steady (first to last send), ${overall.toFixed(1)}/min overall (sync included)`);
    console.log(`achieved ÷ allowed ${ratio(steady / pace)} of the pace (${pace}/min), ${ratio(steady / GRAPH_LIMITS.sendsPerMinute)} of Exchange's limit (${GRAPH_LIMITS.sendsPerMinute}/min); overall ${ratio(overall / pace)} of the pace`);
    console.log(`429s               ${throttled} of ${requests} Graph requests (${((100 * throttled) / Math.max(1, requests)).toFixed(2)} %)`);
    console.log(`duplicate triples  ${duplicates}`);
    if (duplicates > 0 || submissions.length !== count) process.exitCode = 1;
  } finally {
    db.close();
    await Promise.all([erp.close(), sim.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
