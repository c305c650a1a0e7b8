/**
 * Why a call to the ERP failed, as a code: `src/erp` raises it (`ErpError`), `src/ui` turns it into a
 * sentence (Italian and English). Here so that the UI knows the codes without knowing the ERP client.
 */
export type ErpErrorReason =
  | 'network' // no answer: offline, DNS, connection refused or reset
  | 'timeout'
  | 'aborted' // the caller cancelled
  | 'unauthorized' // 401: token missing, expired or refused
  | 'forbidden' // 403: signed in, but not allowed (not an enabled user, not an administrator)
  | 'not_found'
  | 'conflict' // 409: e.g. a claim held by someone else
  | 'precondition_failed' // 412/428: the setup changed elsewhere (ETag)
  | 'gone' // 410: a sync token from another life of the ERP's database: sync again from scratch
  | 'invalid_request' // other 4xx: the request was wrong
  | 'server' // 5xx after retries
  | 'bad_response'; // the ERP answered something the contract does not allow
