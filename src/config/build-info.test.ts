/**
 * The build-time constants: webpack's DefinePlugin replaces `__SOLLECITI_PRODUCTION__` and
 * `__SOLLECITI_BUILD_ENV__`; here they are set as globals before loading the module, which is what the
 * replaced code reads. And webpack.config.js itself refuses AUTH_MODE=dev for a production build.
 */
import type * as BuildInfoModule from './build-info';
import { readBuildInfo } from './build-info';

interface BuildGlobals {
  __SOLLECITI_PRODUCTION__?: boolean;
  __SOLLECITI_BUILD_ENV__?: Record<string, string>;
}

/** Loads a fresh build-info with the globals set, and reads it while they are. */
function readWithGlobals(globals: BuildGlobals): {
  production: boolean;
  info: ReturnType<typeof readBuildInfo>;
} {
  const target = globalThis as BuildGlobals;
  Object.assign(target, globals);
  try {
    let read: { production: boolean; info: ReturnType<typeof readBuildInfo> } | undefined;
    jest.isolateModules(() => {
      const loaded = jest.requireActual<typeof BuildInfoModule>('./build-info');
      read = { production: loaded.PRODUCTION_BUILD, info: loaded.readBuildInfo() };
    });
    if (read === undefined) throw new Error('build-info did not load');
    return read;
  } finally {
    delete target.__SOLLECITI_PRODUCTION__;
    delete target.__SOLLECITI_BUILD_ENV__;
  }
}

describe('build info', () => {
  it('outside webpack (jest, scripts): a development build with nothing set', () => {
    expect(readBuildInfo()).toEqual({ production: false, env: {} });
  });

  it('reads what DefinePlugin baked in, keeping only the configuration keys', () => {
    const { production, info } = readWithGlobals({
      __SOLLECITI_PRODUCTION__: true,
      __SOLLECITI_BUILD_ENV__: { AAD_CLIENT_ID: 'abc', ERP_SCOPE: 'api://erp/x', HOME: '/root' },
    });
    expect(production).toBe(true);
    expect(info).toEqual({ production: true, env: { AAD_CLIENT_ID: 'abc', ERP_SCOPE: 'api://erp/x' } });
  });
});

describe('webpack.config.js', () => {
  type WebpackConfigFactory = (
    env: Record<string, unknown>,
    argv: { mode?: string },
  ) => Promise<{ plugins?: unknown[] }>;
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = (): WebpackConfigFactory => require('../../webpack.config.js') as WebpackConfigFactory;

  it('refuses AUTH_MODE=dev for a production build', async () => {
    process.env.AUTH_MODE = 'dev';
    await expect(factory()({}, { mode: 'production' })).rejects.toThrow(
      'AUTH_MODE=dev is refused in a production build',
    );
  });

  it('accepts AUTH_MODE=dev for a development build, and bakes in only the configuration keys', async () => {
    process.env.AUTH_MODE = 'dev';
    process.env.SECRET_NOT_FOR_THE_BUNDLE = 'x';
    const config = await factory()({}, { mode: 'development' });
    const define = config.plugins?.find(
      (plugin) => (plugin as { constructor: { name: string } }).constructor.name === 'DefinePlugin',
    ) as { definitions: Record<string, string> } | undefined;
    expect(define?.definitions.__SOLLECITI_PRODUCTION__).toBe('false');
    expect(JSON.parse(define?.definitions.__SOLLECITI_BUILD_ENV__ ?? '{}')).toEqual({ AUTH_MODE: 'dev' });
  });
});
