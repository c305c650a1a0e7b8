/**
 * Builds the task pane once for the end-to-end run: a development build (the dev identity provider is
 * refused in production builds), written to .cache/e2e-pane (git-ignored) through webpack's Node API.
 */
import path from 'node:path';
import webpack, { type Configuration, type Stats } from 'webpack';

/** E2E_PANE_DIR: another folder, for a second run beside one already in progress. */
export const PANE_DIR = path.resolve(process.env.E2E_PANE_DIR ?? path.join(__dirname, '../../.cache/e2e-pane'));

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

export async function buildPane(): Promise<void> {
  // webpack.config.js is CommonJS; its factory is the module itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../webpack.config.js') as ConfigFactory;
  const config = await factory({}, { mode: 'development' });
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
