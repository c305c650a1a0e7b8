/**
 * jsdom, plus the Web platform pieces jsdom lacks and Node has:
 * `crypto.subtle` (MSAL refuses to start without it: `crypto_nonexistent`), `structuredClone`, `fetch` and its
 * classes, `TextEncoder`/`TextDecoder`, streams, and a `BroadcastChannel` that does not keep jest from exiting
 * (MSAL opens one per instance and never closes it).
 *
 * Use it with the docblock `@jest-environment ./test/jest-environment-jsdom-node.ts` (resolved from the root).
 */
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { webcrypto } from 'node:crypto';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-jsdom';

/** Node's channel, unref'd: an open channel must not hold the test process alive. */
class UnrefBroadcastChannel extends NodeBroadcastChannel {
  constructor(name: string) {
    super(name);
    this.unref();
  }
}

const COPIED_FROM_NODE = [
  'structuredClone',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'TextEncoder',
  'TextDecoder',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
] as const;

export default class JsdomWithNodeGlobals extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    const source = globalThis as unknown as Record<string, unknown>;
    for (const name of COPIED_FROM_NODE) {
      if (source[name] !== undefined) target[name] = source[name];
    }
    // jsdom's `crypto` has getRandomValues and randomUUID but no `subtle`.
    Object.defineProperty(target, 'crypto', { value: webcrypto, configurable: true, writable: true });
    target.BroadcastChannel = UnrefBroadcastChannel;
  }
}
