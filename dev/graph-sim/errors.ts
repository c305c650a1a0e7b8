/**
 * Graph's error shape and the errors the simulator answers with. Every failure a handler can meet is a
 * `GraphError` (status, Graph error code, message, extra headers); the server turns it into
 * `{"error": {"code", "message", "innerError": {"date", "request-id", "client-request-id"}}}` exactly as
 * Microsoft Graph does, both at top level and inside `$batch` responses.
 *
 * Codes and messages are Graph's own where they are documented or widely observed; where Graph's exact
 * answer is unknown the code is marked "sim" in the comment and chosen to be recognisable.
 */

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

export interface GraphErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly innerError: {
      readonly date: string;
      readonly 'request-id': string;
      readonly 'client-request-id': string;
    };
  };
}

/** The JSON body Graph sends with an error; `date` has no milliseconds, like Graph's. */
export function graphErrorBody(
  error: GraphError,
  requestId: string,
  clientRequestId: string | undefined,
): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId ?? requestId,
      },
    },
  };
}

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export const graphErrors = {
  itemNotFound: (): GraphError =>
    new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'),
  malformedId: (): GraphError => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  unreadableJson: (): GraphError =>
    new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),
  unknownProperty: (property: string, type: string): GraphError =>
    new GraphError(
      400,
      'RequestBodyRead',
      `The property '${property}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    ),
  invalidValue: (path: string, detail: string): GraphError =>
    new GraphError(400, 'RequestBodyRead', `Invalid value for '${path}': ${detail}`),
  bodyTooLarge: (): GraphError =>
    new GraphError(
      413,
      'RequestEntityTooLarge',
      `The maximum request length supported is 4MB (${MAX_REQUEST_BYTES} bytes).`,
    ),
  segmentNotFound: (segment: string): GraphError =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: (): GraphError =>
    new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  queryOption: (message: string): GraphError => new GraphError(400, 'BadRequest', message),
  missingToken: (): GraphError =>
    new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', WWW_AUTHENTICATE),
  badToken: (message: string): GraphError =>
    new GraphError(401, 'InvalidAuthenticationToken', message, WWW_AUTHENTICATE),
  accessDenied: (message = 'Access is denied. Check credentials and try again.'): GraphError =>
    new GraphError(403, 'ErrorAccessDenied', message),
  /** Exchange's answer when the mailbox is restricted from sending (403 as observed). */
  submissionBlocked: (): GraphError =>
    new GraphError(
      403,
      'ErrorMessageSubmissionBlocked',
      'Your account has been blocked from sending mail. Please contact your administrator.',
    ),
  sendAsDenied: (): GraphError =>
    new GraphError(
      403,
      'ErrorSendAsDenied',
      'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
    ),
  invalidRecipients: (detail: string): GraphError =>
    new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient isn't valid. ${detail}`),
  /** Exchange maps this code to 400 Bad Request. */
  messageTooLarge: (): GraphError =>
    new GraphError(400, 'ErrorMessageSizeExceeded', 'The message exceeds the maximum supported size.'),
  /** sim: Graph's code for sending or changing a message that is no longer a draft is not documented. */
  notADraft: (): GraphError =>
    new GraphError(
      400,
      'ErrorInvalidOperation',
      'The operation is valid only on a draft: this message has already been sent.',
    ),
  throttled: (message: string, retryAfterSeconds: number): GraphError =>
    new GraphError(429, 'ApplicationThrottled', message, { 'Retry-After': String(retryAfterSeconds) }),
  injected: (status: number, retryAfterSeconds: number | undefined): GraphError => {
    const headers: Record<string, string> =
      retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
    if (status === 429)
      return new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        headers,
      );
    if (status === 503)
      return new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', headers);
    if (status === 504)
      return new GraphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.', headers);
    return new GraphError(status, 'InternalServerError', 'An internal server error occurred.', headers);
  },
};

const WWW_AUTHENTICATE = {
  'WWW-Authenticate':
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
};
