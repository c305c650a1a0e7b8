/**
 * docs/erp-api.yaml documents exactly the routes the demo ERP serves: every route has its path and
 * method in the document, and every documented operation is served; the record schemas document exactly
 * the fields the wire schemas carry; the mutations listed are the ones served. (A line-based reading: the
 * project has no YAML parser, and the document's layout is regular.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  agentSchema,
  API_PREFIX,
  customerSchema,
  openItemSchema,
  reminderSetupSchema,
} from '../../src/erp/wire';
import { Mutations } from '../../dev/erp/mutations';
import { erpRoutes } from '../../dev/erp/server';
import { ErpStore } from '../../dev/erp/store/erp-store';

interface Operation {
  readonly method: string;
  readonly path: string;
}

function documentedOperations(yaml: string): Operation[] {
  const operations: Operation[] = [];
  let inPaths = false;
  let path: string | undefined;
  let prefix = API_PREFIX;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    const pathLine = /^ {2}(\/\S*):\s*$/.exec(line);
    if (pathLine !== null) {
      path = pathLine[1];
      prefix = API_PREFIX;
      continue;
    }
    // A path-level server at the host root (the development endpoints) drops the /api/v1 prefix.
    if (/^ {6}- url: http:\/\/localhost:4100\s*$/.test(line)) prefix = '';
    const methodLine = /^ {4}(get|put|post|delete|patch):\s*$/.exec(line);
    if (methodLine !== null && path !== undefined)
      operations.push({ method: (methodLine[1] as string).toUpperCase(), path: prefix + path });
  }
  return operations;
}

const asPattern = (template: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/:[A-Za-z]+/g, '[^/]+')}$`);

test('every route is documented and every documented operation is served', () => {
  const documented = documentedOperations(readFileSync(join(__dirname, '../../docs/erp-api.yaml'), 'utf8'));
  const store = ErpStore.open(':memory:');
  try {
    const routes = erpRoutes(
      store,
      new Mutations(store, { defaultSeed: () => undefined, today: () => '2026-03-15', now: Date.now }),
      {
        now: Date.now,
        renderPdf: async () => new Uint8Array(),
      },
    );
    for (const route of routes) {
      const concrete = route.path.replace(/:[A-Za-z]+/g, 'x');
      expect({
        route: `${route.method} ${route.path}`,
        documented: documented.some((op) => op.method === route.method && asPattern(op.path).test(concrete)),
      }).toEqual({
        route: `${route.method} ${route.path}`,
        documented: true,
      });
    }
    for (const op of documented) {
      const concrete = op.path.replace(/\{[^}]+\}/g, 'x');
      const served = routes.some(
        (route) =>
          route.method === op.method &&
          (asPattern(route.path).test(concrete) ||
            asPattern(op.path).test(route.path.replace(/:[A-Za-z]+/g, 'x'))),
      );
      expect({ operation: `${op.method} ${op.path}`, served }).toEqual({
        operation: `${op.method} ${op.path}`,
        served: true,
      });
    }
    expect(documented.length).toBeGreaterThanOrEqual(12);
  } finally {
    store.close();
  }
});

const YAML = readFileSync(join(__dirname, '../../docs/erp-api.yaml'), 'utf8');

/** The property names of a component schema (`    Customer:` … `      properties:` … `        name:`). */
function documentedProperties(yaml: string, schema: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((line) => line === `    ${schema}:`);
  if (start < 0) throw new Error(`docs/erp-api.yaml has no schema ${schema}`);
  const names: string[] = [];
  let inProperties = false;
  for (const line of lines.slice(start + 1)) {
    if (/^ {0,4}\S/.test(line)) break;
    if (/^ {6}\S/.test(line)) inProperties = line.trim() === 'properties:';
    const property = /^ {8}([A-Za-z]+):/.exec(line);
    if (inProperties && property !== null) names.push(property[1] as string);
  }
  return names;
}

test.each([
  ['Agent', agentSchema],
  ['Customer', customerSchema],
  ['OpenItem', openItemSchema],
  ['ReminderSetup', reminderSetupSchema],
] as const)('the %s schema documents exactly the fields of the wire schema', (name, schema) => {
  expect(documentedProperties(YAML, name).sort()).toEqual(Object.keys(schema.shape).sort());
});

test('the mutations documented are the ones served', () => {
  const store = ErpStore.open(':memory:');
  try {
    const routes = erpRoutes(
      store,
      new Mutations(store, { defaultSeed: () => undefined, today: () => '2026-03-15', now: Date.now }),
      {
        now: Date.now,
        renderPdf: async () => new Uint8Array(),
      },
    );
    const served = routes.flatMap((route) =>
      route.path.startsWith('/dev/mutations/') ? [route.path.slice('/dev/mutations/'.length)] : [],
    );
    const enumLine = /enum: \[(pay, [^\]]+)\]/.exec(YAML);
    expect(enumLine?.[1]?.split(', ').sort()).toEqual(served.sort());
    for (const name of served) expect(YAML).toContain(`| \`${name}\` |`);
  } finally {
    store.close();
  }
});
