/**
 * The import arrows of eslint.config.mjs fail the lint on a wrong import: each case plants one in a file
 * path of the folder it concerns (linted as text, nothing written) and expects the rule to name it; the
 * same import in a folder allowed to make it passes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * ESLint's own API in a plain Node process (jest's module sandbox cannot load the flat config, an ES
 * module): every case at once, one list of messages per case.
 */
function lint(cases: readonly (readonly [filePath: string, code: string])[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [filePath, code] of cases) {
        const [result] = await eslint.lintText(code, { filePath });
        out.push(result.messages.map((m) => (m.ruleId ?? 'fatal') + ': ' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((error) => { console.error(error); process.exit(1); });`;
  const run = spawnSync(process.execPath, ['-e', script], {
    cwd: ROOT,
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

const wrong: readonly (readonly [filePath: string, code: string, expected: string])[] = [
  [
    'src/store/planted.ts',
    "import { App } from '../ui/App';\nexport const x = App;\n",
    'src/store sits below src/ui',
  ],
  [
    'src/mail/planted.ts',
    "import { PaneRoot } from '../taskpane/PaneRoot';\nexport const x = PaneRoot;\n",
    'src/mail sits below src/taskpane',
  ],
  [
    'src/erp/planted.ts',
    "import { openDatabase } from '../store/db';\nexport const x = openDatabase;\n",
    'src/erp sits below src/store',
  ],
  [
    'src/office/planted.ts',
    "import { readBuildInfo } from '../config/build-info';\nexport const x = readBuildInfo;\n",
    'src/office sits below src/config',
  ],
  [
    'src/ui/planted.ts',
    "import { openDatabase } from '../store/db';\nexport const x = openDatabase;\n",
    'src/ui sits below src/store',
  ],
  [
    'src/ui/planted.ts',
    "import type { ReminderSetupWire } from '../erp/wire';\nexport type X = ReminderSetupWire;\n",
    'src/ui sits below src/erp',
  ],
  [
    'src/ui/planted.ts',
    "import { SendPacer } from '../mail/send-pacer';\nexport const x = SendPacer;\n",
    'src/ui sits below src/mail',
  ],
  [
    'src/ui/planted.ts',
    "import { startErpServer } from '../../dev/erp/server';\nexport const x = startErpServer;\n",
    'never imports the development stand-ins',
  ],
  [
    'src/domain/planted.ts',
    "import { openDatabase } from '../store/db';\nexport const x = openDatabase;\n",
    'src/domain imports only from src/domain',
  ],
  [
    'src/ui/planted.ts',
    'export const x = () => fetch("/x");\n',
    'Only src/erp, src/mail and src/auth talk to the network',
  ],
  [
    'src/taskpane/planted.ts',
    'export const x = () => fetch("/me");\n',
    'Only src/erp, src/mail and src/auth talk to the network',
  ],
  [
    // No exception left in src/taskpane: "test connection" asks Graph through the mailer.
    'src/taskpane/connection.ts',
    'export const x = () => fetch("/me");\n',
    'Only src/erp, src/mail and src/auth talk to the network',
  ],
  [
    'src/store/planted.ts',
    'export const x = () => Office.context;\n',
    'Office.js is touched only in src/office',
  ],
];
const allowed: readonly (readonly [filePath: string, code: string])[] = [
  ['src/taskpane/planted.ts', "import { App } from '../ui/App';\nexport const x = App;\n"],
  ['src/mail/planted.ts', "import { openDatabase } from '../store/db';\nexport const x = openDatabase;\n"],
  ['src/erp/planted.ts', 'export const x = () => fetch("/x");\n'],
  [
    'src/ui/planted.ts',
    "import type { SetupDraft } from '../domain/setup-draft';\nexport type X = SetupDraft;\n",
  ],
];

const results = lint([...wrong.map(([filePath, code]) => [filePath, code] as const), ...allowed]);

test.each(wrong.map(([filePath, , expected], index) => [filePath, expected, index] as const))(
  '%s: a wrong arrow fails the lint (%s)',
  (_filePath, expected, index) => {
    expect((results[index] ?? []).join('\n')).toContain(expected);
  },
);

test('the same imports where the arrows allow them pass', () => {
  expect(results.slice(wrong.length)).toEqual(allowed.map(() => []));
});
