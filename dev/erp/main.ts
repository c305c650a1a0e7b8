/**
 * `npm run erp`: the demo ERP on http://localhost:4100 (ERP_PORT), its database in dev/data/erp.sqlite
 * (ERP_DB; `:memory:` works), seeded with ~300 customers and ~3 000 open items when empty.
 *
 * Environment: ERP_PORT (4100), ERP_HOST (127.0.0.1), ERP_DB, ERP_TOKEN (the static read-only key, `demo`;
 * empty disables it), ERP_CORS_ORIGINS (comma-separated; the task pane's http and https origins on port
 * 3000 by default), ERP_DEV_MUTATIONS (`0` turns the mutation API off), DEV_IDENTITY_SECRET.
 */
import { resolve } from 'node:path';
import { todayInTimeZone } from '../../src/domain/calendar';
import { API_PREFIX } from '../../src/erp/wire';
import { parseCorsOrigins } from './http/cors';
import { stopOnSignals } from '../shared/stop-on-signals';
import { ERP_TIME_ZONE, startErpServer } from './server';

const DEFAULT_DB = resolve(__dirname, '../data/erp.sqlite');

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 4100;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new Error(`ERP_PORT must be a port number, got ${JSON.stringify(value)}`);
  return parsed;
}

async function main(): Promise<void> {
  const env = process.env;
  const db = env.ERP_DB !== undefined && env.ERP_DB !== '' ? env.ERP_DB : DEFAULT_DB;
  const staticKey = env.ERP_TOKEN === undefined ? 'demo' : env.ERP_TOKEN === '' ? null : env.ERP_TOKEN;
  const started = Date.now();
  const today = todayInTimeZone(started, ERP_TIME_ZONE);
  const server = await startErpServer({
    port: port(env.ERP_PORT),
    host: env.ERP_HOST !== undefined && env.ERP_HOST !== '' ? env.ERP_HOST : '127.0.0.1',
    db,
    seed: { seed: 1, customers: 300, items: 3000, today },
    corsOrigins: parseCorsOrigins(env.ERP_CORS_ORIGINS),
    staticKey,
    mutations: env.ERP_DEV_MUTATIONS !== '0',
  });
  const url = server.url.replace('127.0.0.1', 'localhost');
  const lines = [
    `Demo ERP on ${url}${API_PREFIX}  (database ${db}, ${server.store.catalog.countOpenItems()} open items, ready in ${Date.now() - started} ms)`,
    staticKey !== null
      ? `  curl -H 'Authorization: Bearer ${staticKey}' ${url}${API_PREFIX}/open-items?limit=5`
      : '  static key disabled (ERP_TOKEN is empty)',
    `  token: curl -X POST ${url}/dev/token -H 'Content-Type: application/json' -d '{"user":"marta.rossi@solleciti.example","audience":"erp"}'`,
    env.ERP_DEV_MUTATIONS !== '0'
      ? `  mutations: POST ${url}/dev/mutations/{pay,invoice,move-due-date,block-customer,rename-customer,delete-item,reset,…}`
      : '  mutations off',
    'Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));

  stopOnSignals('the demo ERP', () => server.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
