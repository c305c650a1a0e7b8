/**
 * A tiny Graph client for the simulator's tests: plain fetch over real HTTP, a token from the simulator,
 * `Prefer: IdType="ImmutableId"` unless told otherwise, and the answer's status, headers and JSON.
 */
import { startGraphSim, type GraphSim, type GraphSimOptions } from '../../dev/graph-sim';

export const DRAFTS_KEY_ID = 'String {00020329-0000-0000-c000-000000000046} Name ReminderKey';
export const ITEMS_ID = 'String {00020329-0000-0000-c000-000000000046} Name ReminderItems';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or undefined when there is none. */
  readonly json: JsonObject | undefined;
  readonly text: string;
}

export type Json = string | number | boolean | null | Json[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: Json;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default true: send `Prefer: IdType="ImmutableId"`. */
  readonly immutable?: boolean;
  /** Default: the client's token; null sends no Authorization header. */
  readonly token?: string | null;
  readonly signal?: AbortSignal;
}

export interface GraphClient {
  readonly token: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Answer>;
}

/** A simulator on a free port, in memory, Sent Items without delay unless the options say otherwise. */
export function startTestSim(options: GraphSimOptions = {}): Promise<GraphSim> {
  return startGraphSim({ port: 0, dataDir: null, sentItemsDelayMs: 0, ...options });
}

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  const isJson = /json/i.test(response.headers.get('content-type') ?? '') && text !== '';
  return {
    status: response.status,
    headers: response.headers,
    json: isJson ? (JSON.parse(text) as JsonObject) : undefined,
    text,
  };
}

export function clientFor(sim: GraphSim, user: string, token = sim.control.issueToken(user)): GraphClient {
  return {
    token,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const bearer = options.token === undefined ? token : options.token;
      if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
      if (options.immutable ?? true) headers.Prefer = 'IdType="ImmutableId"';
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const url = path.startsWith('http') ? path : `${sim.url}/v1.0${path}`;
      return answerOf(
        await fetch(url, {
          method,
          headers,
          ...(body !== undefined ? { body } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      );
    },
  };
}

/** A draft body like the mailer's: HTML, To and CC, the key and item-list properties. */
export function reminderDraft(key: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: `Sollecito ${key}`,
    body: { contentType: 'html', content: `<p>Gentile cliente, <b>${key}</b></p>` },
    toRecipients: [{ emailAddress: { address: 'amministrazione@rossi.it', name: 'Rossi Srl' } }],
    ccRecipients: [{ emailAddress: { address: 'm.bianchi@example.it' } }],
    singleValueExtendedProperties: [
      { id: DRAFTS_KEY_ID, value: key },
      { id: ITEMS_ID, value: '[["I1",0]]' },
    ],
    ...overrides,
  };
}

/** Reads a string property of a JSON answer, failing loudly when it is not one. */
export function str(json: JsonObject | undefined, key: string): string {
  const value = json?.[key];
  if (typeof value !== 'string') throw new Error(`expected a string at ${key}, got ${JSON.stringify(value)}`);
  return value;
}

export function list(json: JsonObject | undefined, key = 'value'): JsonObject[] {
  const value = json?.[key];
  if (!Array.isArray(value)) throw new Error(`expected an array at ${key}, got ${JSON.stringify(value)}`);
  return value.filter(
    (item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item),
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
