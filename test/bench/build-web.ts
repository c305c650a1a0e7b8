/**
 * Builds what the Chromium benchmarks load, in webpack's production mode with the pane's own
 * configuration (webpack.config.js, through webpack's Node API; nothing in it is changed):
 *
 *   .cache/bench-web/dist     `npm run build` without source maps (the bundle sizes are read from here)
 *   .cache/bench-web/pane     the same build with the dev identity allowed (`__SOLLECITI_PRODUCTION__`
 *                             false), so the pane signs in without Entra ID: the timed pane
 *   .cache/bench-web/harness  empty.html (the floor: FluentProvider + one Text) and harness.html (the
 *                             pane's sync and planning worker, see web/harness.ts)
 *
 * The bundle sizes go to .cache/bench-web/sizes.json for pane.spec.ts.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack, { type Configuration, type MultiStats, type StatsCompilation } from 'webpack';

export const BENCH_WEB_DIR = path.resolve(__dirname, '../../.cache/bench-web');
export const SIZES_FILE = path.join(BENCH_WEB_DIR, 'sizes.json');

type ConfigFactory = (env: Record<string, unknown>, argv: { mode?: string }) => Promise<Configuration>;

export interface FileSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface BundleSizes {
  /** The pane's first load: the JS taskpane.html loads (runtime, vendor, taskpane). */
  readonly firstLoad: readonly FileSize[];
  /** Loaded later by the pane: lazy chunks (import()) and the planning worker. */
  readonly lazy: readonly FileSize[];
  readonly worker: readonly FileSize[];
  /** The sign-in dialog's page, not the pane's. */
  readonly dialog: readonly FileSize[];
  /** The floor: the empty Fluent page's JS. */
  readonly empty: readonly FileSize[];
  /** webpack's warnings on the production build (e.g. its size hints). */
  readonly warnings: readonly string[];
}

/** gzip at zlib's default level (6), as a web server compresses on the fly. */
const sizeOf = (dir: string, file: string): FileSize => {
  const content = readFileSync(path.join(dir, file));
  return { file, raw: content.length, gzip: gzipSync(content).length };
};

const entryJs = (stats: StatsCompilation, entry: string): string[] =>
  (stats.entrypoints?.[entry]?.assets ?? [])
    .map((asset) => asset.name)
    .filter((name) => name.endsWith('.js'));

function bundleSizes(dist: StatsCompilation, harness: StatsCompilation): BundleSizes {
  const distDir = path.join(BENCH_WEB_DIR, 'dist');
  const first = new Set(entryJs(dist, 'taskpane'));
  const dialog = new Set(entryJs(dist, 'dialog'));
  // The worker's chunk is named after the worker (`name: 'solleciti-planner'` in worker-planner.ts).
  const workerFiles = new Set(
    (dist.chunks ?? [])
      .filter((chunk) => (chunk.names ?? []).some((name) => name.includes('planner')))
      .flatMap((chunk) => chunk.files ?? []),
  );
  // Every script the build wrote (read from the folder: webpack's stats may group assets).
  const js = readdirSync(distDir).filter((name) => name.endsWith('.js'));
  const of = (files: Iterable<string>): FileSize[] => [...files].sort().map((file) => sizeOf(distDir, file));
  return {
    firstLoad: of(first),
    dialog: of([...dialog].filter((file) => !first.has(file))),
    worker: of(js.filter((file) => workerFiles.has(file) && !first.has(file))),
    lazy: of(js.filter((file) => !first.has(file) && !dialog.has(file) && !workerFiles.has(file))),
    empty: entryJs(harness, 'empty').map((file) => sizeOf(path.join(BENCH_WEB_DIR, 'harness'), file)),
    warnings: (dist.warnings ?? []).map((warning) => warning.message.split('\n')[0] ?? ''),
  };
}

/**
 * The production definitions with the dev identity allowed (a production build refuses it), and the
 * pages' policy opened to the benchmark's local ERP and Graph simulator (a production policy names no
 * localhost; their ports are chosen when the benchmark runs).
 */
function withDevIdentity(plugins: Configuration['plugins']): Configuration['plugins'] {
  return (plugins ?? []).map((plugin) => {
    if (plugin instanceof webpack.DefinePlugin)
      return new webpack.DefinePlugin({
        ...plugin.definitions,
        __SOLLECITI_PRODUCTION__: JSON.stringify(false),
      });
    if (plugin instanceof HtmlWebpackPlugin) {
      const options = plugin.userOptions;
      const parameters = options.templateParameters;
      if (typeof parameters === 'object' && parameters !== null && typeof parameters.csp === 'string')
        return new HtmlWebpackPlugin({
          ...options,
          templateParameters: {
            ...parameters,
            csp: parameters.csp.replace(
              "connect-src 'self'",
              "connect-src 'self' http://localhost:* http://127.0.0.1:*",
            ),
          },
        });
    }
    return plugin;
  });
}

/** A deployment's ERP for the production builds (a production build refuses to run without one). */
const BENCH_ERP_BASE_URL = 'https://erp.example.it';

export async function buildBenchWeb(): Promise<BundleSizes> {
  // webpack.config.js is CommonJS; its factory is the module itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../webpack.config.js') as ConfigFactory;
  const savedErp = process.env.ERP_BASE_URL;
  process.env.ERP_BASE_URL = BENCH_ERP_BASE_URL;
  let production: Configuration;
  try {
    production = await factory({}, { mode: 'production' });
  } finally {
    if (savedErp === undefined) delete process.env.ERP_BASE_URL;
    else process.env.ERP_BASE_URL = savedErp;
  }
  const out = (name: string) => ({ ...production.output, path: path.join(BENCH_WEB_DIR, name) });
  const quiet = { stats: 'errors-warnings' as const, infrastructureLogging: { level: 'error' as const } };

  // Without source maps: they cost most of the build and are not JS the pane loads (the files differ from
  // `npm run build`'s only by its trailing `//# sourceMappingURL=` comment).
  const dist: Configuration = { ...production, ...quiet, name: 'dist', output: out('dist'), devtool: false };
  const pane: Configuration = {
    ...production,
    ...quiet,
    name: 'pane',
    output: out('pane'),
    devtool: false,
    performance: { hints: false },
    plugins: withDevIdentity(production.plugins),
  };
  const page = (name: string) =>
    new HtmlWebpackPlugin({
      template: path.join(__dirname, 'web/page.html'),
      filename: `${name}.html`,
      chunks: [name],
      scriptLoading: 'defer',
    });
  const harness: Configuration = {
    ...production,
    ...quiet,
    name: 'harness',
    entry: { empty: path.join(__dirname, 'web/empty.tsx'), harness: path.join(__dirname, 'web/harness.ts') },
    output: out('harness'),
    devtool: false,
    performance: { hints: false },
    plugins: [
      page('empty'),
      page('harness'),
      ...(withDevIdentity(production.plugins) ?? []).filter(
        (plugin) => plugin instanceof webpack.DefinePlugin,
      ),
    ],
  };

  const compiler = webpack([dist, pane, harness]);
  const stats = await new Promise<MultiStats>((resolve, reject) => {
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error !== null && error !== undefined) reject(error);
      else if (result === undefined) reject(new Error('webpack gave no stats'));
      else resolve(result);
    });
  });
  if (stats.hasErrors())
    throw new Error(`The benchmark pages do not build:\n${stats.toString('errors-only')}`);
  const [distStats, , harnessStats] = stats.stats.map((one) =>
    one.toJson({ all: false, assets: true, chunks: true, entrypoints: true, warnings: true }),
  );
  if (distStats === undefined || harnessStats === undefined) throw new Error('webpack gave no stats');
  const sizes = bundleSizes(distStats, harnessStats);
  writeFileSync(SIZES_FILE, `${JSON.stringify(sizes, null, 2)}\n`);
  return sizes;
}
