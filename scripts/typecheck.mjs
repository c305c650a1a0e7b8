#!/usr/bin/env node
/**
 * `npm run typecheck`: type-checks the three TypeScript projects (tsconfig.json lists them) — the browser
 * code (tsconfig.browser.json: DOM and Office.js, no Node), the Node code (tsconfig.node.json: dev/,
 * scripts/, the root configs; no DOM) and the tests (tsconfig.test.json) — side by side, one `tsc --noEmit`
 * each, and fails when any fails. Side by side because the test project alone takes about as long as the
 * single project did.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['tsconfig.browser.json', 'tsconfig.node.json', 'tsconfig.test.json'];

const run = (project) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '--pretty', '-p', project], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, code: code ?? 1, output }));
  });

const results = await Promise.all(projects.map(run));
for (const { project, code, output } of results) {
  if (code !== 0) process.stdout.write(`\n${project}:\n${output}`);
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.project);
if (failed.length > 0) {
  console.error(`typecheck failed: ${failed.join(', ')}`);
  process.exit(1);
}
