/**
 * Builds the task pane once for the end-to-end run: a development build (the dev identity provider is
 * refused in production builds), written to .cache/e2e-pane (git-ignored) through webpack's Node API.
 *
 * The build is configured, as a deployment is, with where the services are: the demo ERP on
 * http://127.0.0.1:E2E_ERP_PORT (another origin than the pane's http://localhost:…), the Graph simulator
 * on http://localhost:E2E_GRAPH_PORT and its upload sessions on http://localhost:E2E_UPLOAD_PORT. Its
 * Content-Security-Policy allows exactly those, so a policy that forgets one fails the specs.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';

/** E2E_PANE_DIR: another folder, for a second run beside one already in progress. */
export const PANE_DIR = path.resolve(
  process.env.E2E_PANE_DIR ?? path.join(__dirname, '../../.cache/e2e-pane'),
);

export interface ServiceOrigins {
  readonly erpPort: number;
  readonly graphPort: number;
  readonly uploadPort: number;
  /** The ERP as the pane calls it: on 127.0.0.1, so another origin than the pane on localhost. */
  readonly erpUrl: string;
  /** The Graph simulator, without `/v1.0`. */
  readonly graphUrl: string;
  readonly uploadOrigin: string;
}

const PORT_VARIABLES = ['E2E_ERP_PORT', 'E2E_GRAPH_PORT', 'E2E_UPLOAD_PORT'] as const;

/** The services' ports, as the global setup chose them (E2E_ERP_PORT, E2E_GRAPH_PORT, E2E_UPLOAD_PORT). */
export function serviceOrigins(): ServiceOrigins {
  const [erpPort, graphPort, uploadPort] = PORT_VARIABLES.map((name) => {
    const port = Number(process.env[name]);
    if (!Number.isInteger(port) || port <= 0)
      throw new Error(`${name} is not set: the e2e global setup chooses it`);
    return port;
  }) as [number, number, number];
  return {
    erpPort,
    graphPort,
    uploadPort,
    erpUrl: `http://127.0.0.1:${erpPort}`,
    graphUrl: `http://localhost:${graphPort}`,
    uploadOrigin: `http://localhost:${uploadPort}`,
  };
}

/** A port free now on 127.0.0.1 (the system's choice). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** Chooses the services' ports (unless set) and leaves them in the environment, which the workers inherit. */
export async function chooseServicePorts(): Promise<ServiceOrigins> {
  for (const name of PORT_VARIABLES)
    if ((process.env[name] ?? '') === '') process.env[name] = String(await freePort());
  return serviceOrigins();
}

type ConfigFactory = (env: Record<string, unknown>, argv: { mode?: string }) => Promise<Configuration>;

/** A copy of a module rule with every `development` option (swc's JSX transform) off, to match React's production build. */
function withProductionJsx<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withProductionJsx) as T;
  if (typeof value !== 'object' || value === null || value instanceof RegExp || typeof value === 'function')
    return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === 'development' ? false : withProductionJsx(inner),
    ]),
  ) as T;
}

export async function buildPane(origins: ServiceOrigins): Promise<void> {
  // webpack.config.js is CommonJS; its factory is the module itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../webpack.config.js') as ConfigFactory;
  // The configuration is read from the environment, as `npm run build` reads it.
  const configuration: Record<string, string> = {
    ERP_BASE_URL: origins.erpUrl,
    GRAPH_BASE_URL: `${origins.graphUrl}/v1.0`,
    GRAPH_UPLOAD_ORIGINS: origins.uploadOrigin,
  };
  const saved = Object.fromEntries(Object.keys(configuration).map((key) => [key, process.env[key]]));
  Object.assign(process.env, configuration);
  let config: Configuration;
  try {
    config = await factory({}, { mode: 'development' });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  // A development build (the dev identity provider needs one) with React's production build, so the
  // browser runs roughly what users run: the development React alone makes the pane several times slower.
  const compiler = webpack({
    ...config,
    module: { ...config.module, rules: (config.module?.rules ?? []).map(withProductionJsx) },
    output: { ...config.output, path: PANE_DIR },
    devtool: false,
    stats: 'errors-only',
    optimization: { ...config.optimization, nodeEnv: 'production' },
  });
  const stats = await new Promise<Stats>((resolve, reject) => {
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error !== null && error !== undefined) reject(error);
      else if (result === undefined) reject(new Error('webpack gave no stats'));
      else resolve(result);
    });
  });
  if (stats.hasErrors()) throw new Error(`The task pane does not build:\n${stats.toString('errors-only')}`);
}
