/**
 * The simulator's control surface for tests and demos, outside Graph's paths: in-process (the `control`
 * object `startGraphSim` returns) and over HTTP under `/_sim/` (no token needed):
 *
 * | request | effect |
 * |---|---|
 * | `POST /_sim/reset` | empty every mailbox, forget faults, upload sessions and limit counters |
 * | `GET /_sim/mailbox/{user}` | the mailbox as JSON: every folder, the submission log, the restriction flag |
 * | `PATCH /_sim/mailbox/{user}` | `{"restricted": true}`: the mailbox may no longer send (403) |
 * | `DELETE /_sim/mailbox/{user}/messages/{id}` | purge a message, as a user emptying Deleted Items would |
 * | `GET /_sim/mailbox/{user}/messages/{id}/attachments/{aid}` | an attachment's bytes (the web page links here) |
 * | `POST /_sim/faults` | add a fault rule (see faults.ts); `GET` lists them, `DELETE` clears them |
 * | `GET`/`PATCH /_sim/config` | read or change the configuration (limits, delays, time scale, token lifetime…) |
 * | `POST /_sim/deliver` | deliver every message in transit to Sent Items now |
 * | `POST /_sim/token` | `{"user", "expiresIn"?}`: a `graph` token, like `POST /dev/token` |
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { signToken } from '../identity';
import type { GraphSimConfig, Services } from './context';
import { faultRuleSchema, type FaultRule, type FaultRuleInput, type Faults } from './faults';
import { sendJson } from '../shared/http';
import type { Limiter } from './limits';
import type { SentRecord, StoredMessage } from './store';
import type { UploadSessions } from './uploads';

export interface MailboxDump {
  readonly user: string;
  readonly displayName: string;
  readonly restricted: boolean;
  readonly folders: {
    readonly drafts: readonly StoredMessage[];
    readonly sentitems: readonly StoredMessage[];
    readonly deleteditems: readonly StoredMessage[];
    /** Sent, not yet in Sent Items. */
    readonly outbox: readonly StoredMessage[];
  };
  /** Every submission, in order: what left the mailbox, whatever happened to its copy afterwards. */
  readonly sent: readonly SentRecord[];
}

export const configPatchSchema = z.strictObject({
  timeScale: z.number().positive().optional(),
  sentItemsDelayMs: z.number().int().min(0).optional(),
  sendingLookup: z.enum(['notFound', 'outbox']).optional(),
  tokenLifetimeSeconds: z.number().int().min(1).optional(),
  latencyMs: z.number().int().min(0).optional(),
  corsOrigins: z.union([z.literal('*'), z.array(z.string())]).optional(),
  nextLinkOrigin: z.union([z.literal(''), z.url()]).optional(),
  limits: z
    .strictObject({
      sendsPerMinute: z.number().positive().optional(),
      concurrentRequests: z.number().int().positive().optional(),
      recipientsPerDay: z.number().positive().optional(),
      uploadBytesPer5Minutes: z.number().positive().optional(),
      requestsPer10Minutes: z.number().positive().optional(),
    })
    .optional(),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

export interface GraphSimControl {
  /** Empties every mailbox and forgets faults, upload sessions and limit counters (configuration stays). */
  reset(): Promise<void>;
  /** Fails the next request(s) matching the rule; returns the rule's id. */
  addFault(rule: FaultRuleInput): string;
  faults(): FaultRule[];
  clearFaults(): void;
  /** Restricts a mailbox from sending (Exchange's "restricted users"): `send` and `sendMail` answer 403. */
  setRestricted(user: string, restricted: boolean): void;
  dump(user: string): MailboxDump;
  config(): GraphSimConfig;
  configure(patch: ConfigPatch): GraphSimConfig;
  /** Delivers every message in transit to Sent Items now. */
  deliverPending(): void;
  /** Removes a message for good, as the user could in Outlook; false when there is none with that id. */
  purge(user: string, id: string): boolean;
  /** A `graph` token for the user, with the configured lifetime unless one is given (seconds). */
  issueToken(user: string, options?: { readonly expiresIn?: number; readonly name?: string }): string;
}

export interface ControlParts {
  readonly services: Services;
  readonly faults: Faults;
  readonly limiter: Limiter;
  readonly uploads: UploadSessions;
  readonly secret: string | undefined;
  readonly applyConfig: (patch: ConfigPatch) => GraphSimConfig;
}

export function createControl(parts: ControlParts): GraphSimControl {
  const { services, faults, limiter, uploads } = parts;
  return {
    async reset() {
      faults.clear();
      limiter.reset();
      uploads.reset();
      await services.store.reset();
    },
    addFault: (rule) => faults.add(rule),
    faults: () => faults.list(),
    clearFaults: () => faults.clear(),
    setRestricted(user, restricted) {
      services.mailbox(user).setRestricted(restricted);
    },
    dump(user) {
      // Looking does not create: an unknown user dumps as an empty mailbox without appearing anywhere.
      if (services.store.existing(user) === undefined) {
        const address = user.toLowerCase();
        return {
          user: address,
          displayName: address.slice(0, address.indexOf('@')),
          restricted: false,
          folders: { drafts: [], sentitems: [], deleteditems: [], outbox: [] },
          sent: [],
        };
      }
      const mailbox = services.mailbox(user);
      const copy = (folder: StoredMessage['folder']): StoredMessage[] =>
        structuredClone(mailbox.inFolder(folder));
      return {
        user: mailbox.user,
        displayName: mailbox.displayName,
        restricted: mailbox.restricted,
        folders: {
          drafts: copy('drafts'),
          sentitems: copy('sentitems'),
          deleteditems: copy('deleteditems'),
          outbox: copy('outbox'),
        },
        sent: structuredClone(mailbox.sent),
      };
    },
    config: () => services.config(),
    configure: (patch) => parts.applyConfig(configPatchSchema.parse(patch)),
    deliverPending() {
      for (const user of services.store.users())
        services.store.mailbox(user).deliverDue(services.now(), true);
    },
    purge(user, id) {
      const mailbox = services.mailbox(user);
      const message = mailbox.find(id);
      if (message === undefined) return false;
      mailbox.purge(message);
      return true;
    },
    issueToken(user, options = {}) {
      return signToken({
        user,
        audience: 'graph',
        expiresIn: options.expiresIn ?? services.config().tokenLifetimeSeconds,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(parts.secret !== undefined ? { secret: parts.secret } : {}),
      }).token;
    },
  };
}

// ---------------------------------------------------------------- HTTP

const problem = (res: ServerResponse, status: number, message: string): void =>
  sendJson(res, status, { error: message });

/** Answers a `/_sim/...` request; `rest` is the path after `/_sim`. */
export async function handleControlRequest(
  control: GraphSimControl,
  services: Services,
  method: string,
  rest: string,
  readJson: () => Promise<unknown>,
  res: ServerResponse,
): Promise<void> {
  const segments = rest
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  const [first, user, third, id, fifth, attachmentId] = segments;
  try {
    if (first === 'reset' && method === 'POST') {
      await control.reset();
      return sendJson(res, 200, { reset: true });
    }
    if (first === 'deliver' && method === 'POST') {
      control.deliverPending();
      return sendJson(res, 200, { delivered: true });
    }
    if (first === 'config' && segments.length === 1) {
      if (method === 'GET') return sendJson(res, 200, control.config());
      if (method === 'PATCH')
        return sendJson(res, 200, control.configure(configPatchSchema.parse(await readJson())));
    }
    if (first === 'faults' && segments.length === 1) {
      if (method === 'GET') return sendJson(res, 200, { value: control.faults() });
      if (method === 'POST')
        return sendJson(res, 201, { id: control.addFault(faultRuleSchema.parse(await readJson())) });
      if (method === 'DELETE') {
        control.clearFaults();
        res.writeHead(204).end();
        return;
      }
    }
    if (first === 'token' && method === 'POST') {
      const body = z
        .strictObject({ user: z.string(), expiresIn: z.number().int().min(1).optional() })
        .parse(await readJson());
      const expiresIn = body.expiresIn ?? control.config().tokenLifetimeSeconds;
      return sendJson(res, 200, {
        access_token: control.issueToken(body.user, { expiresIn }),
        token_type: 'Bearer',
        expires_in: expiresIn,
      });
    }
    if (first === 'mailbox' && user !== undefined) {
      if (segments.length === 2 && method === 'GET') return sendJson(res, 200, control.dump(user));
      if (segments.length === 2 && method === 'PATCH') {
        const body = z.strictObject({ restricted: z.boolean() }).parse(await readJson());
        control.setRestricted(user, body.restricted);
        return sendJson(res, 200, control.dump(user));
      }
      if (third === 'messages' && id !== undefined && segments.length === 4 && method === 'DELETE') {
        if (!control.purge(user, id)) return problem(res, 404, 'no such message');
        res.writeHead(204).end();
        return;
      }
      if (
        third === 'messages' &&
        id !== undefined &&
        fifth === 'attachments' &&
        attachmentId !== undefined &&
        method === 'GET'
      ) {
        const message = services.mailbox(user).find(id);
        const attachment = message?.attachments.find((candidate) => candidate.id === attachmentId);
        const data = attachment === undefined ? undefined : await services.store.blobs.get(attachment.id);
        if (attachment === undefined || data === undefined) return problem(res, 404, 'no such attachment');
        res.writeHead(200, {
          'Content-Type': attachment.contentType,
          'Content-Length': data.length,
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(data);
        return;
      }
    }
    return problem(res, 404, `no control endpoint ${method} /_sim${rest}`);
  } catch (error) {
    if (error instanceof z.ZodError)
      return problem(
        res,
        400,
        error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      );
    if (error instanceof SyntaxError) return problem(res, 400, 'the body must be JSON');
    if (error instanceof RangeError) return problem(res, 400, error.message);
    throw error;
  }
}
