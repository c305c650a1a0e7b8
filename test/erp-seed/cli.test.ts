import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateSeed } from '../../dev/erp/seed/generate';

const ROOT = resolve(__dirname, '../..');
const runCli = (args: readonly string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'dev/erp/seed/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('erp:seed CLI', () => {
  const folder = mkdtempSync(join(tmpdir(), 'erp-seed-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes the generator’s data as JSON to --out, and a summary to stderr', () => {
    const out = join(folder, 'seed.json');
    const result = runCli([
      '--seed',
      '7',
      '--customers',
      '25',
      '--items',
      '120',
      '--today',
      '2026-03-15',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/25 customers, 3 agents, \d+ documents, \d+ items \(120 open\)/);
    const expected = JSON.parse(
      JSON.stringify(generateSeed({ seed: 7, customers: 25, items: 120, today: '2026-03-15' })),
    ) as unknown;
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(expected);
  }, 60_000);

  it('fails with a message on a bad option', () => {
    const result = runCli(['--items', 'many']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--items must be a whole number');
  }, 60_000);
});
