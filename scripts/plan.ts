/**
 * `npm run -s plan -- a.json [b.json …]`: for each fixture file, in order, one line of compact JSON on
 * stdout with the engine's answer — `{"reminders": [...], "skipped": [...]}` or
 * `{"error": "invalid_setup", "message": "..."}` — and nothing else. A file that cannot be read as a
 * fixture gets `{"error": "bad_fixture", "message": "..."}` on its line, and the exit code is 1.
 */
import { readFileSync } from 'node:fs';
import { answerFixture, parseFixture } from './lib/plan-fixture';
import { messageOf } from '../src/domain/message-of';

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npm run -s plan -- fixture.json [more.json …]\n');
  process.exit(2);
}
let failed = false;
const lines: string[] = [];
for (const file of files) {
  try {
    lines.push(JSON.stringify(answerFixture(parseFixture(JSON.parse(readFileSync(file, 'utf8'))))));
  } catch (error) {
    failed = true;
    const message = `${file}: ${messageOf(error)}`;
    process.stderr.write(`${message}\n`);
    lines.push(JSON.stringify({ error: 'bad_fixture', message }));
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
