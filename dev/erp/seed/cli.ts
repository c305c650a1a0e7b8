/**
 * Writes the demo ERP's seed data as JSON:
 *
 *   npm run -s erp:seed -- [--seed 1] [--customers 300] [--items 3000] [--today YYYY-MM-DD] [--out file.json]
 *
 * `--today` defaults to today's date in Europe/Rome (the generator itself never reads the clock); without
 * `--out` the JSON goes to stdout. A summary goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { todayInTimeZone } from '../../../src/domain/calendar';
import { generateSeed } from './generate';
import { messageOf } from '../../../src/domain/message-of';

function integerOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0)
    throw new Error(`--${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return parsed;
}

function main(argv: readonly string[]): void {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seed: { type: 'string' },
      customers: { type: 'string' },
      items: { type: 'string' },
      today: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(
      'Usage: erp:seed [--seed N] [--customers N] [--items N] [--today YYYY-MM-DD] [--out file.json]\n',
    );
    return;
  }
  const options = {
    seed: integerOption('seed', values.seed, 1),
    customers: integerOption('customers', values.customers, 300),
    items: integerOption('items', values.items, 3000),
    today: values.today ?? todayInTimeZone(Date.now(), 'Europe/Rome'),
  };
  const started = performance.now();
  const data = generateSeed(options);
  const elapsed = performance.now() - started;
  const json = `${JSON.stringify(data, null, values.out === undefined ? undefined : 1)}\n`;
  if (values.out === undefined) process.stdout.write(json);
  else writeFileSync(values.out, json);
  process.stderr.write(
    `seed ${options.seed}, today ${options.today}: ${data.customers.length} customers, ${data.agents.length} agents, ` +
      `${data.documents.length} documents, ${data.items.length} items (${data.items.filter((item) => item.residual !== 0).length} open) ` +
      `in ${elapsed.toFixed(0)} ms${values.out === undefined ? '' : ` → ${values.out}`}\n`,
  );
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`erp:seed: ${messageOf(error)}\n`);
  process.exitCode = 1;
}
