/**
 * The TypeScript projects (tsconfig.json lists them) keep each kind of code to its own globals: browser
 * code (src/) sees the DOM and Office.js but not Node's `Buffer`/`process` nor jest; Node code (dev/,
 * scripts/, root configs) sees Node but not the DOM; tests see all. Each case type-checks one planted file
 * (held in memory, nothing written) with a project's real options; and the projects together cover every
 * TypeScript file, each in the project meant for it.
 */
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');

function project(name: string): ts.ParsedCommandLine {
  const file = path.join(ROOT, name);
  const { config, error } = ts.readConfigFile(file, (f) => ts.sys.readFile(f));
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, file);
}

/** The diagnostics (codes and messages) of `code` planted at `relativePath` under `projectName`'s options. */
function check(projectName: string, relativePath: string, code: string): string[] {
  const { options } = project(projectName);
  const planted = path.join(ROOT, relativePath);
  const host = ts.createCompilerHost({ ...options, incremental: false });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === planted ? code : readFile(f));
  host.fileExists = (f) => path.resolve(f) === planted || fileExists(f);
  host.getSourceFile = (f, language, ...rest) =>
    path.resolve(f) === planted
      ? ts.createSourceFile(f, code, language, true)
      : getSourceFile(f, language, ...rest);
  const program = ts.createProgram({
    rootNames: [planted],
    options: { ...options, incremental: false, noUnusedLocals: false },
    host,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

describe('tsconfig projects', () => {
  it('browser code (src/) cannot use Node globals nor jest', () => {
    const errors = check(
      'tsconfig.browser.json',
      'src/planted.ts',
      "export const a = Buffer.from('x');\nexport const b = process.env.HOME;\nexport const c = typeof describe;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/Cannot find name 'Buffer'/),
      expect.stringMatching(/Cannot find name 'process'/),
      expect.stringMatching(/Cannot find name 'describe'/),
    ]);
  });

  it('browser code (src/) sees the DOM and Office.js', () => {
    const code =
      'export const a = document.title;\nexport const b = (): string => Office.context.displayLanguage;\n';
    expect(check('tsconfig.browser.json', 'src/planted.ts', code)).toEqual([]);
  });

  it('Node code (dev/, scripts/) cannot use the DOM', () => {
    const errors = check('tsconfig.node.json', 'dev/planted.ts', 'export const a = document.title;\n');
    expect(errors).toEqual([expect.stringMatching(/Cannot find name 'document'/)]);
  });

  it('Node code (dev/, scripts/) sees Node', () => {
    const code = "export const a = Buffer.from('x');\nexport const b = process.env.HOME;\n";
    expect(check('tsconfig.node.json', 'dev/planted.ts', code)).toEqual([]);
  });

  it('tests see jest, Node, the DOM and Office.js', () => {
    const code =
      "export const a = Buffer.from('x');\nexport const b = document.title;\nexport const c = typeof describe;\n" +
      'export const d = (): string => Office.context.displayLanguage;\n';
    expect(check('tsconfig.test.json', 'test/planted.test.ts', code)).toEqual([]);
  });

  it('every TypeScript file is in exactly one project, the one meant for it', () => {
    const rel = (files: readonly string[]) =>
      files.map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    const browser = rel(project('tsconfig.browser.json').fileNames);
    const node = rel(project('tsconfig.node.json').fileNames);
    const test = rel(project('tsconfig.test.json').fileNames);
    const all = rel(
      ts.sys.readDirectory(
        ROOT,
        ['.ts', '.tsx'],
        ['node_modules', '**/node_modules', 'dist'],
        ['src', 'test', 'dev', 'scripts', '*.ts'],
      ),
    );
    expect([...browser, ...node, ...test].sort()).toEqual([...all].sort());
    const isTest = (f: string) => /\.test\.tsx?$/.test(f);
    expect(browser.filter((f) => !f.startsWith('src/') || isTest(f))).toEqual([]);
    expect(test.filter((f) => !isTest(f) && !f.startsWith('test/'))).toEqual(['scripts/bench/send.ts']);
    expect(node.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });
});
