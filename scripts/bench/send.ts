/**
 * `npm run bench:send [-- --count 500] [--runs 5] [--pace 25] [--time-scale 30]`: sends N reminders
 * (default 500) through the outbox — delta sync, claims, drafts with their real invoice PDFs (small ones
 * inline, the seed's 3–10 MB ones by upload session), send, confirm — against the Graph simulator at its
 * default limits (30 messages a minute, 4 concurrent requests, 10 000 recipients a day, 150 MB per 5
 * minutes), time-scaled: a simulated minute lasts 60 000 / scale ms (default 30: 2 s; at 60 the one Node
 * thread running the ERP, the simulator and the worker becomes the bottleneck on a busy 2-core machine,
 * and the rate measures the machine). The worker's pacing and backoffs are scaled the same way. Each run
 * starts from fresh books (the same seed), a fresh simulator and a fresh local store; the PDFs the demo ERP renders (pdf-lib) are kept across runs, as a
 * real archive serves stored files, and fetched before the clock starts.
 *
 * Reports, as the median of the runs (default 5) with min–max: the achieved sending rate (first to last
 * send) as a ratio to the rate allowed — the worker's pace, and Exchange's limit —, the 429s received and
 * their share of all Graph requests, and the duplicate (item, level, cycle) triples counted from the
 * simulator's submission log. Targets: ≥ 0.9 of the pace, ≤ 1 % 429s, 0 duplicates. Writes
 * dev/data/bench/send.json; exits non-zero if a run sends a duplicate or not every reminder.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import { renderInvoicePdf } from '../../dev/erp/seed/pdf';
import type { SeedData } from '../../dev/erp/seed/types';
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
import { summarize, writeResults, type BenchRow } from './lib/results';

const USER = 'marta.rossi@solleciti.example';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value =
    index >= 0
      ? Number(process.argv[index + 1])
      : Number(process.env[`BENCH_SEND_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback);
  if (!(value > 0)) throw new Error(`--${name} must be a positive number`);
  return value;
}

interface RunResult {
  readonly submissions: number;
  readonly triples: number;
  readonly duplicates: number;
  readonly elapsedMs: number;
  /** Messages a simulated minute, first to last send. */
  readonly steady: number;
  /** Messages a simulated minute, from the start of the run (delta sync included). */
  readonly overall: number;
  readonly requests: number;
  readonly throttled: number;
  /** CPU time of this process (the ERP, the simulator and the worker share it) while sending, in ms. */
  readonly cpuMs: number;
}

interface RunOptions {
  readonly seed: SeedData;
  readonly count: number;
  readonly pace: number;
  readonly timeScale: number;
  /** Document id → its PDF, kept across runs. */
  readonly pdfs: Map<string, Promise<Uint8Array>>;
}

async function runOnce({ seed, count, pace, timeScale, pdfs }: RunOptions): Promise<RunResult> {
  const minuteMs = 60_000 / timeScale;
  const erp = await startErpServer({
    seed,
    logError: (error) => console.error(error),
    renderPdf: (document, customer, items) => {
      let pdf = pdfs.get(document.id);
      if (pdf === undefined) pdfs.set(document.id, (pdf = renderInvoicePdf(document, customer, items)));
      return pdf;
    },
  });
  const sim = await startGraphSim({ port: 0, dataDir: null, timeScale });
  const db = openDatabase(`bench-send-${USER}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const erpClient = new ErpClient({
    baseUrl: erp.url,
    tokens: devIdentityProvider({ baseUrl: erp.url, user: USER, audience: 'erp' }),
  });
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
    // The PDFs, rendered (first run) or from the cache (later runs), before the clock starts.
    const documents = [
      ...new Set(plan.flatMap((communication) => documentsOf(communication).map((d) => d.documentId))),
    ];
    for (let i = 0; i < documents.length; i += 16)
      await Promise.all(documents.slice(i, i + 16).map((id) => erpClient.documentPdf(id)));
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
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await worker.run();
    const elapsedMs = performance.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    if (result.status !== 'done') throw new Error(`the run stopped: ${result.reason} ${result.message}`);

    sentAt.sort((a, b) => a - b);
    const first = sentAt[0] ?? started;
    const last = sentAt[sentAt.length - 1] ?? started;
    const levels = seed.setup.levels.map((level) => level.id);
    const triples = new Map<string, number>();
    const submissions = sim.control.dump(USER).sent;
    for (const record of submissions) {
      const { key, items } = readTags(record.singleValueExtendedProperties);
      const levelId = levels.find((level) => items !== undefined && communicationKey(level, items) === key);
      for (const [itemId, cycle] of items ?? [])
        triples.set(`${itemId}|${levelId}|${cycle}`, (triples.get(`${itemId}|${levelId}|${cycle}`) ?? 0) + 1);
    }
    return {
      submissions: submissions.length,
      triples: triples.size,
      duplicates: [...triples.values()].filter((n) => n > 1).length,
      elapsedMs,
      steady: ((sentAt.length - 1) / (last - first)) * minuteMs,
      overall: (sentAt.length / elapsedMs) * minuteMs,
      requests: mailer.stats.requests,
      throttled: mailer.stats.throttled,
      cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    };
  } finally {
    db.close();
    await Promise.all([erp.close(), sim.close()]);
  }
}

async function main(): Promise<void> {
  const count = option('count', 500);
  const runs = option('runs', 5);
  const pace = option('pace', 25);
  const timeScale = option('time-scale', 30);
  const minuteMs = 60_000 / timeScale;
  const today = calendarDateOfInstant(Date.now(), 'Europe/Rome');
  // Books with about 1.05 grouped reminders per customer due today.
  const seed = generateSeed({
    seed: 1,
    customers: Math.ceil(count * 1.05),
    items: Math.ceil(count * 5.2),
    today,
  });
  const pdfs = new Map<string, Promise<Uint8Array>>();
  console.log(
    `send benchmark — ${count} reminders, ${runs} runs, pace ${pace}/min, Graph limit ${GRAPH_LIMITS.sendsPerMinute}/min, ` +
      `time scale ${timeScale} (a minute = ${minuteMs.toFixed(0)} ms), rates in simulated minutes`,
  );
  const results: RunResult[] = [];
  for (let run = 1; run <= runs; run++) {
    const r = await runOnce({ seed, count, pace, timeScale, pdfs });
    results.push(r);
    console.log(
      `run ${run}: ${r.submissions} messages (${r.triples} triples) in ${(r.elapsedMs / 1000).toFixed(1)} s, ` +
        `${r.steady.toFixed(1)}/min steady, ${r.overall.toFixed(1)}/min overall, ${r.throttled} 429s of ${r.requests} requests, ${r.duplicates} duplicates, ` +
        `CPU ${(r.cpuMs / 1000).toFixed(1)} s (${((100 * r.cpuMs) / r.elapsedMs).toFixed(0)} % of the time)`,
    );
  }
  const of = (pick: (r: RunResult) => number) => summarize(results.map(pick));
  const steady = of((r) => r.steady);
  const overall = of((r) => r.overall);
  const throttled = of((r) => r.throttled);
  const share = of((r) => (100 * r.throttled) / Math.max(1, r.requests));
  const duplicates = of((r) => r.duplicates);
  const cpuPerMessage = of((r) => r.cpuMs / Math.max(1, r.submissions));
  const cpuShare = of((r) => (100 * r.cpuMs) / r.elapsedMs);
  const intervalMs = minuteMs / pace;
  const ratio = (value: number) => value.toFixed(2);
  console.log(
    `rate               ${steady.median.toFixed(1)}/min steady (${steady.min.toFixed(1)}–${steady.max.toFixed(1)}), ${overall.median.toFixed(1)}/min overall (delta sync included)`,
  );
  console.log(
    `achieved ÷ allowed ${ratio(steady.median / pace)} of the pace (${pace}/min), ${ratio(steady.median / GRAPH_LIMITS.sendsPerMinute)} of Exchange's limit (${GRAPH_LIMITS.sendsPerMinute}/min)`,
  );
  console.log(
    `429s               ${throttled.median} (${throttled.min}–${throttled.max}), ${share.median.toFixed(2)} % of Graph requests`,
  );
  console.log(`duplicate triples  ${duplicates.max} at most`);
  console.log(
    `CPU                ${cpuPerMessage.median.toFixed(0)} ms a message (ERP + simulator + worker, one thread), ` +
      `${ratio(cpuPerMessage.median / intervalMs)} of the ${intervalMs.toFixed(0)} ms between two sends at the pace; busy ${cpuShare.median.toFixed(0)} % of the time`,
  );
  const label = `${count} messages`;
  const rows: BenchRow[] = [
    {
      measure: `send rate (first to last send), ${label}`,
      ...steady,
      unit: '/min',
      floor: `the worker's pace, ${pace}/min`,
      ratio: steady.median / pace,
      target: '≥ 0.9',
    },
    {
      measure: `send rate vs Exchange's limit, ${label}`,
      ...steady,
      unit: '/min',
      floor: `Exchange's limit, ${GRAPH_LIMITS.sendsPerMinute}/min`,
      ratio: steady.median / GRAPH_LIMITS.sendsPerMinute,
      target: '≤ 1',
    },
    {
      measure: `send rate incl. delta sync, ${label}`,
      ...overall,
      unit: '/min',
      floor: `the worker's pace, ${pace}/min`,
      ratio: overall.median / pace,
    },
    { measure: `429s received, ${label}`, ...throttled, unit: 'count' },
    { measure: `429s share of Graph requests, ${label}`, ...share, unit: '%', target: '≤ 1 %' },
    {
      measure: `duplicate (item, level, cycle) triples, ${label}`,
      ...duplicates,
      unit: 'count',
      target: '0',
    },
    { measure: `send wall time, ${label}`, ...of((r) => r.elapsedMs / 1000), unit: 's' },
    {
      measure: 'CPU a message (ERP + simulator + worker, one thread)',
      ...cpuPerMessage,
      unit: 'ms',
      floor: `the ${intervalMs.toFixed(0)} ms between two sends at the pace, time-scaled`,
      ratio: cpuPerMessage.median / intervalMs,
      target: '< 1 (else the machine, not the pace, sets the rate)',
    },
    { measure: 'CPU busy share while sending', ...cpuShare, unit: '%' },
  ];
  const notes = [
    `time scale ${timeScale}: a simulated minute lasts ${minuteMs.toFixed(0)} ms; rates are per simulated minute`,
    `Graph simulator at its default limits: ${GRAPH_LIMITS.sendsPerMinute} messages/min, ${GRAPH_LIMITS.concurrentRequests} concurrent requests, ${GRAPH_LIMITS.recipientsPerDay} recipients/day`,
  ];
  console.log(`results: ${writeResults('send', rows, notes)}`);
  if (results.some((r) => r.duplicates > 0 || r.submissions !== count)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
