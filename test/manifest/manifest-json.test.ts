/**
 * manifest.xml → unified JSON manifest (office-addin-manifest-converter) → JSON-schema validation with the
 * schemas bundled in office-addin-manifest's dependencies (offline). Same function as `npm run validate:manifest`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateManifestOffline } from '../../scripts/validate-manifest';

const ROOT = join(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'manifest.xml');

jest.setTimeout(60_000);

describe('manifest.xml, converted to the unified JSON manifest', () => {
  it('converts and validates against the bundled JSON schema with zero errors', async () => {
    const result = await validateManifestOffline(MANIFEST);
    const problems = result.steps.flatMap((s) => s.problems.map((p) => `${s.name}: ${p}`));
    expect(problems).toEqual([]);
    expect(result.steps.map((s) => s.name)).toEqual([
      expect.stringMatching(/structural/),
      expect.stringMatching(/conversion/),
      expect.stringMatching(/JSON-schema validation/),
      expect.stringMatching(/consistency/),
    ]);
    expect(result.ok).toBe(true);
    expect(existsSync(result.outDir)).toBe(false); // temp folder cleaned up, nothing written into the repo
  });

  /** Writes a mutated copy of manifest.xml into a temp folder and validates it (icons from the real assets/). */
  async function validateMutated(from: string | RegExp, to: string) {
    const dir = mkdtempSync(join(tmpdir(), 'solleciti-manifest-test-'));
    try {
      const original = readFileSync(MANIFEST, 'utf8');
      const xml = original.replace(from, to);
      expect(xml).not.toBe(original); // the mutation applied
      writeFileSync(join(dir, 'manifest.xml'), xml);
      const result = await validateManifestOffline(join(dir, 'manifest.xml'), {
        assetsDir: join(ROOT, 'assets'),
      });
      const step = (re: RegExp) => result.steps.find((s) => re.test(s.name));
      return { result, step };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('reports JSON-schema errors (a locale tag the schema rejects, which the structural check lets through)', async () => {
    const { result, step } = await validateMutated(
      '<DefaultLocale>it-IT</DefaultLocale>',
      '<DefaultLocale>it_IT_variant</DefaultLocale>',
    );
    expect(step(/structural/)?.ok).toBe(true);
    expect(step(/JSON-schema/)?.ok).toBe(false);
    expect(step(/JSON-schema/)?.problems.join('\n')).toMatch(/defaultLanguageTag must match pattern/);
    expect(result.ok).toBe(false);
  });

  it('reports a string the converter had to truncate (a 70-character group label)', async () => {
    const { result, step } = await validateMutated('Value="Reminders"', `Value="${'R'.repeat(70)}"`);
    expect(step(/consistency/)?.problems.join('\n')).toMatch(/truncated/);
    expect(result.ok).toBe(false);
  });

  // The converter's CLI prints nothing and exits 0 here, writing no manifest.json; its API rejects instead.
  it('reports a failed conversion (a non-GUID Id)', async () => {
    const { result, step } = await validateMutated(/<Id>[^<]+<\/Id>/, '<Id>not-a-guid</Id>');
    expect(step(/conversion/)?.ok).toBe(false);
    expect(step(/conversion/)?.problems.join('\n')).toMatch(
      /Value does not fall within the expected range|wrote no/,
    );
    expect(result.ok).toBe(false);
  });

  it('reports a missing manifest file', async () => {
    const result = await validateManifestOffline(join(ROOT, 'does-not-exist.xml'), {
      assetsDir: join(ROOT, 'assets'),
    });
    expect(result.ok).toBe(false);
  });
});
