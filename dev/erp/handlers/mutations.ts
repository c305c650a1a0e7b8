/** `POST /dev/mutations/{name}`: the mutation API over HTTP (see mutations.ts). No credentials: dev only. */
import type { Mutations } from '../mutations';
import { json, type Route, type RequestContext } from '../http/types';

export const MUTATIONS_PREFIX = '/dev/mutations';

type MutationName =
  | 'pay'
  | 'invoice'
  | 'move-due-date'
  | 'dispute-item'
  | 'hold-item'
  | 'close-item'
  | 'delete-item'
  | 'block-customer'
  | 'hold-customer'
  | 'set-consumer'
  | 'rename-customer'
  | 'set-customer-emails'
  | 'reset';

/** Reads the body; `reset` alone may come without one. */
async function bodyOf(context: RequestContext, optional: boolean): Promise<unknown> {
  const length = Number(context.req.headers['content-length'] ?? '0');
  const chunked = context.req.headers['transfer-encoding'] !== undefined;
  if (optional && length === 0 && !chunked) return {};
  return context.readJson();
}

export function mutationRoutes(mutations: Mutations): Route[] {
  // Each method validates its input with its own schema (400 naming the field), so the untyped body can
  // be passed as it is.
  const table: Record<MutationName, (input: never) => unknown> = {
    pay: (input) => mutations.pay(input),
    invoice: (input) => mutations.invoice(input),
    'move-due-date': (input) => mutations.moveDueDate(input),
    'dispute-item': (input) => mutations.disputeItem(input),
    'hold-item': (input) => mutations.holdItem(input),
    'close-item': (input) => mutations.closeItem(input),
    'delete-item': (input) => mutations.deleteItem(input),
    'block-customer': (input) => mutations.blockCustomer(input),
    'hold-customer': (input) => mutations.holdCustomer(input),
    'set-consumer': (input) => mutations.setConsumer(input),
    'rename-customer': (input) => mutations.renameCustomer(input),
    'set-customer-emails': (input) => mutations.setCustomerEmails(input),
    reset: (input) => mutations.reset(input),
  };
  return (Object.entries(table) as [MutationName, (input: never) => unknown][]).map(([name, run]) => ({
    method: 'POST',
    path: `${MUTATIONS_PREFIX}/${name}`,
    access: 'public',
    dev: true,
    handler: async (context) => json(200, run((await bodyOf(context, name === 'reset')) as never)),
  }));
}
