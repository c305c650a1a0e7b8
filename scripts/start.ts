/**
 * `npm start`: the whole product on its embedded defaults, one command — the demo ERP (4100), the Microsoft
 * Graph simulator (4200) and the task pane (http://localhost:3000, a development build so the dev identity
 * provider can sign the demo user in). Each service's output is prefixed with its name; Ctrl+C stops all.
 *
 * `npm start -- --https` serves the pane on https://localhost:3000 instead, for sideloading into Outlook.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const https = process.argv.includes('--https');

interface Service {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Where to poll until the service answers. */
  readonly readyUrl: string;
}

const services: Service[] = [
  {
    name: 'erp',
    command: bin('tsx'),
    args: ['dev/erp/main.ts'],
    readyUrl: 'http://127.0.0.1:4100/api/v1/agents?limit=1',
  },
  ...(existsSync(join(root, 'dev/graph-sim/main.ts'))
    ? [
        {
          name: 'graph',
          command: bin('tsx'),
          args: ['dev/graph-sim/main.ts'],
          readyUrl: 'http://127.0.0.1:4200/',
        },
      ]
    : []),
  {
    name: 'pane',
    command: bin('webpack'),
    args: [
      'serve',
      '--mode',
      'development',
      '--no-client-overlay',
      '--stats',
      'errors-warnings',
      ...(https ? ['--env', 'https'] : []),
    ],
    readyUrl: `${https ? 'https' : 'http'}://localhost:3000/taskpane.html`,
  },
];

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}

function run(service: Service): void {
  const child = spawn(service.command, service.args, {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const prefix = `[${service.name}]`.padEnd(8);
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.trim() !== '') stream.write(`${prefix} ${line}\n`);
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`${prefix} exited with code ${code ?? 'null'}: stopping everything`);
    stopAll(code ?? 1);
  });
}

async function waitUntilReady(service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      // Any HTTP answer means the server listens (the ERP answers 401 without a token).
      await fetch(service.readyUrl, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`${service.name} did not answer at ${service.readyUrl} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  if (https) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // only for our own readiness probe of the dev certificate
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  for (const service of services) run(service);
  await Promise.all(services.map((service) => waitUntilReady(service, 180_000)));
  const demo = `${https ? 'https' : 'http'}://localhost:3000/${https ? 'taskpane.html' : 'demo.html'}`;
  console.log(
    [
      '',
      `Solleciti is running: open ${demo}`,
      https
        ? '  (the task pane for sideloading into Outlook; `npm start` without --https opens the demo page)'
        : '  (the task pane in a 360 px frame beside the simulated mailbox; demo ERP on port 4100, Graph simulator on 4200)',
      'Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stopAll(1);
});
