/**
 * `npm run graph-sim`: the Graph simulator on http://localhost:4200 (`GRAPH_SIM_PORT`, `GRAPH_SIM_HOST`
 * default 127.0.0.1), its upload sessions on the next port, 4201 (`GRAPH_SIM_UPLOAD_PORT`), the token and
 * control routes open to the pane's origins (`GRAPH_SIM_PANE_ORIGINS`, comma-separated; default
 * http://localhost:3000 and https://localhost:3000), mailboxes saved under `GRAPH_SIM_DATA_DIR` (default `dev/data/graph-sim`,
 * git-ignored). Optional: `GRAPH_SIM_TIME_SCALE`, `GRAPH_SIM_SENT_DELAY_MS`, `GRAPH_SIM_LOG=1` (one line
 * per request), `DEV_IDENTITY_SECRET` (shared with the demo ERP).
 */
import { DEFAULT_DATA_DIR, startGraphSim } from './server';
import { stopOnSignals } from '../shared/stop-on-signals';

const number = (name: string): number | undefined => {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number ≥ 0, got ${JSON.stringify(text)}`);
  return value;
};

async function main(): Promise<void> {
  const port = number('GRAPH_SIM_PORT') ?? 4200;
  const paneOrigins = (process.env.GRAPH_SIM_PANE_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
  const timeScale = number('GRAPH_SIM_TIME_SCALE');
  const sentItemsDelayMs = number('GRAPH_SIM_SENT_DELAY_MS');
  const sim = await startGraphSim({
    port,
    uploadPort: number('GRAPH_SIM_UPLOAD_PORT') ?? port + 1,
    ...(paneOrigins.length > 0 ? { paneOrigins } : {}),
    host: process.env.GRAPH_SIM_HOST || '127.0.0.1',
    dataDir: process.env.GRAPH_SIM_DATA_DIR || DEFAULT_DATA_DIR,
    ...(timeScale !== undefined ? { timeScale } : {}),
    ...(sentItemsDelayMs !== undefined ? { sentItemsDelayMs } : {}),
    log: process.env.GRAPH_SIM_LOG === '1',
  });
  const base = sim.url.replace('127.0.0.1', 'localhost');
  console.log(
    [
      `Graph simulator on ${base}/v1.0  (mailboxes in ${process.env.GRAPH_SIM_DATA_DIR || DEFAULT_DATA_DIR})`,
      `  upload sessions: ${sim.uploadUrl.replace('127.0.0.1', 'localhost')}/outlook/v2.0/…`,
      `  mailbox page: ${base}/`,
      `  token: curl -X POST ${base}/dev/token -H 'Content-Type: application/json' -d '{"user":"marta.rossi@solleciti.example","audience":"graph"}'`,
      `  control: ${base}/_sim/  (reset, mailbox/{user}, faults, config, deliver)`,
      'Ctrl+C to stop.',
    ].join('\n'),
  );
  stopOnSignals('the Graph simulator', () => sim.close());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
