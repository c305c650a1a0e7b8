/** The Microsoft Graph mailbox simulator (docs/rules.md §3): start it in-process or with `npm run graph-sim`. */
export {
  startGraphSim,
  DEFAULT_DATA_DIR,
  DEFAULT_SENT_ITEMS_DELAY_MS,
  type GraphSim,
  type GraphSimOptions,
} from './server';
export type { GraphSimControl, MailboxDump, ConfigPatch } from './control';
export type { GraphSimConfig, SendingLookup } from './context';
export type { FaultRule, FaultRuleInput } from './faults';
export { GRAPH_LIMITS, type MailboxLimits } from './limits';
export type { SentRecord, StoredMessage, StoredAttachment, ExtendedProperty, Recipient } from './store';
