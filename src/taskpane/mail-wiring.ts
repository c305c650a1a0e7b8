/**
 * The mail side as the pane uses it: the outbox over a Graph mailer and a background ERP client. Loaded
 * with `import()` after the first paint (see index.tsx): none of it is needed to show today's list.
 */
import type { Auth } from '../auth/create-auth';
import type { AppConfig } from '../config/settings';
import type { AccountIdentifiers } from '../domain/enabled-user';
import { ErpClient } from '../erp/client';
import { GraphMailer } from '../mail/graph-mailer';
import type { SollecitiDatabase } from '../store/db';
import type { CommunicationDetail } from '../ui/model';
import type { MailPort } from './mail-port';
import { outboxPort } from './outbox-port';

export function createMail(options: {
  readonly config: AppConfig;
  readonly auth: Auth;
  readonly db: SollecitiDatabase;
  readonly account: AccountIdentifiers;
  readonly me: string;
  readonly communications: (keys: readonly string[]) => Promise<readonly CommunicationDetail[]>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}): MailPort {
  const { config, auth } = options;
  return outboxPort({
    db: options.db,
    // The outbox works in the background: its tokens never prompt (it stops with `unauthorized` instead).
    erp: new ErpClient({ baseUrl: config.erpBaseUrl, tokens: auth.background.erp }),
    mailer: new GraphMailer({ baseUrl: config.graphBaseUrl, tokens: auth.background.graph }),
    account: options.account,
    me: options.me,
    communications: options.communications,
    storage: options.storage,
  });
}
