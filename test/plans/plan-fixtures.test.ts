/**
 * Runs every plan fixture (`*.json`, any depth) under test/fixtures/plans — or under $PLAN_FIXTURES_DIR —
 * through the engine and compares the answer with its `expect` (docs/rules.md §1.28).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { answerFixture, compareAnswer, parseFixture } from '../../scripts/lib/plan-fixture';

const root = resolve(process.env.PLAN_FIXTURES_DIR ?? join(__dirname, '../fixtures/plans'));

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return fixtureFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

// An empty folder fails the suite: jest refuses `.each` over an empty table.
const files = fixtureFiles(root);

describe.each(files.map((file) => [relative(root, file), file]))('%s', (_name, file) => {
  test('the engine answers what the fixture expects', () => {
    const fixture = parseFixture(JSON.parse(readFileSync(file, 'utf8')));
    const differences = compareAnswer(fixture.expect, answerFixture(fixture));
    if (differences.length > 0) {
      throw new Error(`${fixture.description ?? ''}\n  ${differences.join('\n  ')}`);
    }
  });
});
