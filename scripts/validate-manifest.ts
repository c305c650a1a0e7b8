/**
 * Offline validation of manifest.xml (`npm run validate:manifest`, also exercised by
 * test/manifest/manifest-json.test.ts):
 *
 *  1. structural checks of the XML (scripts/check-manifest.ts);
 *  2. conversion XML → unified JSON manifest with office-addin-manifest-converter, into a temporary folder
 *     (never into the repo). The converter resolves even when it writes nothing, so the output is checked;
 *  3. JSON-schema validation of the converted manifest with office-addin-manifest's `validateManifest` (what
 *     `office-addin-manifest validate manifest.json` runs). For a .json manifest it validates against the
 *     Teams/M365 JSON schemas bundled in @microsoft/app-manifest: no network. (For manifest.xml the same
 *     command posts to a Microsoft web service, which is why the XML itself is not sent there.)
 *     It runs in a child `node` process: @microsoft/app-manifest requires an ES-module-only dependency
 *     (strip-bom 5), which plain Node ≥ 20.19 loads (require(esm)) but Jest's module loader cannot on Node 20;
 *     the child keeps this function usable from Jest and from the CLI alike.
 *  4. consistency of the conversion with the XML: nothing truncated by the converter (it silently cuts strings
 *     over the JSON limits, e.g. 64 characters for a group label), same id, task pane page, read and compose
 *     ribbons, a pinnable action, ReadItem → MailboxItem.Read.User. (The converter drops SupportsNoItemContext:
 *     the unified manifest has no per-action equivalent read from XML, so it is not compared.)
 *
 * Usage: tsx scripts/validate-manifest.ts [path/to/manifest.xml] [--keep]   (--keep leaves the temp folder)
 * Exit code 0 when everything passed, 1 otherwise.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { convert } from 'office-addin-manifest-converter';
import { checkManifest, parseXml, descendants } from './check-manifest';

export interface ValidationStep {
  name: string;
  ok: boolean;
  ms: number;
  problems: string[];
  details?: string[];
}

export interface ValidationResult {
  ok: boolean;
  steps: ValidationStep[];
  /** Temporary output folder (already removed unless `keep`). */
  outDir: string;
  totalMs: number;
}

export interface ValidateOptions {
  /** Folder holding the icons; default: `assets/` next to the manifest. */
  assetsDir?: string;
  /** Keep the temporary conversion folder (for inspection). */
  keep?: boolean;
}

type JsonObject = Record<string, unknown>;

/** Runs office-addin-manifest's validateManifest(jsonPath) in a child node process; returns its errors. */
function validateJsonManifest(jsonPath: string): Promise<string[]> {
  const script = `
    const { validateManifest } = require(process.argv[1]);
    validateManifest(process.argv[2]).then(
      (v) => process.stdout.write(JSON.stringify({ isValid: v.isValid, status: v.status, statusText: v.statusText, errors: (v.report && v.report.errors) || [] })),
      (e) => process.stdout.write(JSON.stringify({ isValid: false, errors: [{ title: 'Exception', content: String(e && e.message || e) }] })),
    );`;
  const modulePath = require.resolve('office-addin-manifest');
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ['-e', script, modulePath, jsonPath],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        let out: {
          isValid: boolean;
          status?: number;
          statusText?: string;
          errors: Array<{ title?: string; content?: string }>;
        };
        try {
          out = JSON.parse(stdout);
        } catch {
          reject(
            new Error(
              `validator process failed${err ? ` (${err.message})` : ''}: ${stderr.trim() || stdout.trim()}`,
            ),
          );
          return;
        }
        const errors = out.errors.map((e) => `${e.title ?? 'Error'}: ${e.content ?? ''}`.trim());
        if (!out.isValid && errors.length === 0)
          errors.push(`not valid (status ${out.status ?? '?'} ${out.statusText ?? ''})`);
        resolvePromise(errors);
      },
    );
  });
}

async function timed(
  name: string,
  fn: () => Promise<{ problems: string[]; details?: string[] }>,
): Promise<ValidationStep> {
  const t0 = performance.now();
  try {
    const { problems, details } = await fn();
    return { name, ok: problems.length === 0, ms: performance.now() - t0, problems, details };
  } catch (e) {
    return {
      name,
      ok: false,
      ms: performance.now() - t0,
      problems: [`threw: ${(e as Error).message ?? String(e)}`],
    };
  }
}

/** Checks the converted JSON against what the XML says, so a silently lossy conversion is noticed. */
function conversionConsistency(xml: string, json: JsonObject): string[] {
  const problems: string[] = [];
  // The converter silently cuts strings that are longer than the JSON schema allows.
  const truncated = JSON.stringify(json).match(/<TRUNCATED>[^"]*/g) ?? [];
  for (const t of truncated)
    problems.push(`the converter truncated a string (too long for the unified manifest): "${t}"`);
  const root = parseXml(xml)[0]!;
  const xmlId = root.children.find((c) => c.local === 'Id')?.text.toLowerCase();
  if (String(json.id ?? '').toLowerCase() !== xmlId)
    problems.push(`JSON id ${String(json.id)} differs from XML Id ${xmlId}`);
  const ext = (json.extensions as JsonObject[] | undefined)?.[0];
  if (!ext) return [...problems, 'JSON manifest has no extensions[0]'];
  const runtimes = (ext.runtimes as JsonObject[] | undefined) ?? [];
  const pages = runtimes.map((r) => (r.code as JsonObject | undefined)?.page);
  const xmlTaskpaneUrls = descendants(root)
    .filter((e) => e.local === 'Url' && e.attrs.id && e.attrs.DefaultValue?.endsWith('/taskpane.html'))
    .map((e) => e.attrs.DefaultValue);
  for (const url of xmlTaskpaneUrls) if (!pages.includes(url)) problems.push(`no JSON runtime opens ${url}`);
  const contexts = ((ext.ribbons as JsonObject[] | undefined) ?? []).flatMap(
    (r) => (r.contexts as string[] | undefined) ?? [],
  );
  for (const c of ['mailRead', 'mailCompose'])
    if (!contexts.includes(c)) problems.push(`no JSON ribbon for context ${c}`);
  const actions = runtimes.flatMap((r) => (r.actions as JsonObject[] | undefined) ?? []);
  if (!actions.some((a) => a.type === 'openPage' && a.pinnable === true))
    problems.push('no pinnable openPage action in the JSON manifest');
  const perms = JSON.stringify((json.authorization as JsonObject | undefined)?.permissions ?? {});
  if (!perms.includes('MailboxItem.Read.User'))
    problems.push(`JSON permissions should be MailboxItem.Read.User (ReadItem), found ${perms}`);
  return problems;
}

export async function validateManifestOffline(
  manifestPath: string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const t0 = performance.now();
  const manifest = resolve(manifestPath);
  const assetsDir = options.assetsDir ?? join(dirname(manifest), 'assets');
  const outDir = mkdtempSync(join(tmpdir(), 'solleciti-manifest-'));
  const steps: ValidationStep[] = [];
  let xml = '';
  try {
    steps.push(
      await timed('structural check of the XML manifest (scripts/check-manifest.ts)', async () => {
        xml = readFileSync(manifest, 'utf8');
        return {
          problems: checkManifest(xml, { assetsDir }),
          details: [`manifest: ${manifest}`, `assets: ${assetsDir}`],
        };
      }),
    );

    const jsonPath = join(outDir, 'manifest.json');
    const converted = await timed(
      'conversion XML → unified JSON (office-addin-manifest-converter)',
      async () => {
        await convert(manifest, outDir, false, undefined, undefined, false);
        if (!existsSync(jsonPath)) return { problems: [`the converter wrote no ${jsonPath}`] };
        return {
          problems: [],
          details: [`output: ${jsonPath}${options.keep ? '' : ' (temporary, removed afterwards)'}`],
        };
      },
    );
    steps.push(converted);

    if (converted.ok) {
      steps.push(
        await timed(
          'JSON-schema validation of the converted manifest (office-addin-manifest validate, bundled schemas)',
          async () => {
            const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as JsonObject;
            const errors = await validateJsonManifest(jsonPath);
            return {
              problems: errors,
              details: [
                `schema: ${String(json.$schema)}`,
                `manifestVersion: ${String(json.manifestVersion)}`,
              ],
            };
          },
        ),
      );
      steps.push(
        await timed('consistency of the converted JSON with the XML', async () => {
          const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as JsonObject;
          return { problems: conversionConsistency(xml, json) };
        }),
      );
    }
  } finally {
    if (!options.keep) rmSync(outDir, { recursive: true, force: true });
  }
  return { ok: steps.every((s) => s.ok), steps, outDir, totalMs: performance.now() - t0 };
}

async function main(argv: string[]): Promise<number> {
  const keep = argv.includes('--keep');
  const manifestPath = argv.find((a) => !a.startsWith('--')) ?? join(__dirname, '..', 'manifest.xml');
  const result = await validateManifestOffline(manifestPath, { keep });
  for (const step of result.steps) {
    console.log(`${step.ok ? '✔' : '✘'} ${step.name}  (${Math.round(step.ms)} ms)`);
    for (const d of step.details ?? []) console.log(`    ${d}`);
    for (const p of step.problems) console.log(`    ✘ ${p}`);
  }
  if (keep) console.log(`(kept ${result.outDir})`);
  console.log(
    result.ok
      ? `manifest OK (${Math.round(result.totalMs)} ms)`
      : `manifest has problems (${Math.round(result.totalMs)} ms)`,
  );
  return result.ok ? 0 : 1;
}

if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
