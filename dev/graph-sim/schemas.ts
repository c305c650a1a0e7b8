/**
 * Request bodies, validated as strictly as Graph: an unknown property anywhere in a body is a 400
 * `RequestBodyRead` naming the property and its type, a value of the wrong type is a 400, and JSON that
 * does not parse (or is not declared `application/json`) is a 400. Entity property names are
 * case-sensitive (camelCase); action parameter names (`message`, `saveToSentItems`, `AttachmentItem`) are
 * not, as Graph accepts both `AttachmentItem` (its documentation) and `attachmentItem` (its SDKs).
 */
import { z } from 'zod';
import { GraphError, graphErrors } from './errors';

/** A string enum matched without case, answering the canonical spelling. */
function looseEnum<const T extends readonly [string, ...string[]]>(values: T, typeName: string) {
  return z.string().transform((value, ctx): T[number] => {
    const found = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
    if (found === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `Cannot convert the literal '${value}' to the expected type '${typeName}'.`,
      });
      return z.NEVER;
    }
    return found;
  });
}

const odataType = (expected: string) =>
  z.string().refine((value) => value.toLowerCase() === expected.toLowerCase(), {
    message: `A type named '${expected}' is expected here.`,
  });

const emailAddress = z.strictObject({ address: z.string().optional(), name: z.string().optional() });
const recipient = z.strictObject({ emailAddress });
const recipients = z.array(recipient);
const itemBody = z.strictObject({
  contentType: looseEnum(['text', 'html'], 'microsoft.graph.bodyType'),
  content: z.string(),
});
const extendedProperty = z.strictObject({ id: z.string(), value: z.string() });

export const fileAttachmentSchema = z.strictObject({
  '@odata.type': odataType('#microsoft.graph.fileAttachment'),
  name: z.string().min(1),
  contentBytes: z.string(),
  contentType: z.string().nullable().optional(),
  isInline: z.boolean().optional(),
  contentId: z.string().nullable().optional(),
  // Read-only on Graph's side, but its own SDKs send it back: accepted and ignored.
  size: z.number().optional(),
});
export type FileAttachmentInput = z.infer<typeof fileAttachmentSchema>;

const messageFields = {
  '@odata.type': odataType('#microsoft.graph.message').optional(),
  subject: z.string().nullable().optional(),
  body: itemBody.optional(),
  toRecipients: recipients.optional(),
  ccRecipients: recipients.optional(),
  bccRecipients: recipients.optional(),
  replyTo: recipients.optional(),
  from: recipient.nullable().optional(),
  sender: recipient.nullable().optional(),
  importance: looseEnum(['low', 'normal', 'high'], 'microsoft.graph.importance').optional(),
  isRead: z.boolean().optional(),
  isReadReceiptRequested: z.boolean().optional(),
  isDeliveryReceiptRequested: z.boolean().optional(),
  categories: z.array(z.string()).optional(),
  flag: z
    .strictObject({
      flagStatus: looseEnum(['notFlagged', 'flagged', 'complete'], 'microsoft.graph.followupFlagStatus'),
    })
    .optional(),
  inferenceClassification: looseEnum(
    ['focused', 'other'],
    'microsoft.graph.inferenceClassificationType',
  ).optional(),
  singleValueExtendedProperties: z.array(extendedProperty).optional(),
};

export const createMessageSchema = z.strictObject({
  ...messageFields,
  attachments: z.array(fileAttachmentSchema).optional(),
});
export type CreateMessageInput = z.infer<typeof createMessageSchema>;
export const updateMessageSchema = z.strictObject(messageFields);
export type UpdateMessageInput = z.infer<typeof updateMessageSchema>;

export const sendMailSchema = z.strictObject({
  message: createMessageSchema,
  saveToSentItems: z.boolean().optional(),
});
export const SEND_MAIL_PARAMETERS = ['message', 'saveToSentItems'] as const;

export const uploadSessionSchema = z.strictObject({
  attachmentItem: z.strictObject({
    attachmentType: looseEnum(['file', 'item', 'reference'], 'microsoft.graph.attachmentType'),
    name: z.string().min(1),
    size: z.number().int().positive(),
    contentType: z.string().optional(),
    isInline: z.boolean().optional(),
    contentId: z.string().optional(),
  }),
});
export const UPLOAD_SESSION_PARAMETERS = ['attachmentItem'] as const;

export const batchSchema = z.strictObject({
  requests: z.array(
    z.strictObject({
      id: z.string().min(1),
      method: z.string().min(1),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});
export type BatchRequestBody = z.infer<typeof batchSchema>;

// ---------------------------------------------------------------- errors

const TYPE_OF_PROPERTY: Readonly<Record<string, string>> = {
  toRecipients: 'microsoft.graph.recipient',
  ccRecipients: 'microsoft.graph.recipient',
  bccRecipients: 'microsoft.graph.recipient',
  replyTo: 'microsoft.graph.recipient',
  from: 'microsoft.graph.recipient',
  sender: 'microsoft.graph.recipient',
  emailAddress: 'microsoft.graph.emailAddress',
  body: 'microsoft.graph.itemBody',
  flag: 'microsoft.graph.followupFlag',
  singleValueExtendedProperties: 'microsoft.graph.singleValueLegacyExtendedProperty',
  attachments: 'microsoft.graph.fileAttachment',
  message: 'microsoft.graph.message',
  attachmentItem: 'microsoft.graph.attachmentItem',
  requests: 'microsoft.graph.batchRequestStep',
};

function typeAt(rootType: string, path: readonly PropertyKey[]): string {
  let type = rootType;
  for (const segment of path) if (typeof segment === 'string') type = TYPE_OF_PROPERTY[segment] ?? type;
  return type;
}

/** The Graph error for a body that failed its schema: the first problem, as Graph reports one. */
export function bodyError(error: z.ZodError, rootType: string): GraphError {
  const issue = error.issues[0];
  if (issue === undefined) return graphErrors.unreadableJson();
  if (issue.code === 'unrecognized_keys')
    return graphErrors.unknownProperty(issue.keys[0] ?? '?', typeAt(rootType, issue.path));
  const path = issue.path.map(String).join('.') || '(body)';
  return graphErrors.invalidValue(path, issue.message);
}

/** Validates an already-parsed JSON body, throwing Graph's 400 on the first problem. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, rootType: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw bodyError(result.error, rootType);
  return result.data;
}

/** Renames an action's top-level parameters to their canonical spelling, matching without case. */
export function canonicalParameters(value: unknown, names: readonly string[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [byLower.get(key.toLowerCase()) ?? key, item]),
  );
}

/**
 * Parses a JSON request body. Graph wants `Content-Type: application/json` and an object; anything else
 * is its "Unable to read JSON request payload" 400.
 */
export function readJsonBody(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (contentType === undefined || !/^application\/json\b/i.test(contentType.trim()))
    throw graphErrors.unreadableJson();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw graphErrors.unreadableJson();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw graphErrors.unreadableJson();
  return { ...parsed };
}

// ---------------------------------------------------------------- extended property ids

const PROPERTY_TYPES = [
  'String',
  'Integer',
  'Boolean',
  'SystemTime',
  'Binary',
  'Double',
  'Float',
  'Currency',
  'Short',
  'Long',
  'CLSID',
  'Object',
];
const PROPERTY_ID =
  /^([A-Za-z]+)\s+(?:\{([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}\s+(Name|Id)\s+(\S.*)|(0x[0-9A-Fa-f]{1,4}))$/i;

/**
 * The canonical spelling of a single-value extended property id (`String {guid} Name X`, `String {guid}
 * Id 0x8005`, `String 0x007D`): type capitalised, GUID lower-case; `undefined` when it is not one.
 */
export function canonicalPropertyId(id: string): string | undefined {
  const match = PROPERTY_ID.exec(id.trim());
  if (match === null) return undefined;
  const [, rawType = '', guid, kind, name, tag] = match;
  const type = PROPERTY_TYPES.find((candidate) => candidate.toLowerCase() === rawType.toLowerCase());
  if (type === undefined) return undefined;
  if (tag !== undefined) return `${type} ${tag.toLowerCase()}`;
  return `${type} {${(guid ?? '').toLowerCase()}} ${(kind ?? '').toLowerCase() === 'id' ? 'Id' : 'Name'} ${name ?? ''}`;
}

/** For comparisons: the canonical id when valid, else the text itself. */
export const normalizePropertyId = (id: string): string => canonicalPropertyId(id) ?? id;

export function requirePropertyId(id: string): string {
  const canonical = canonicalPropertyId(id);
  if (canonical === undefined) {
    throw new GraphError(
      400,
      'ErrorInvalidProperty',
      `The extended property id '${id}' is not valid: expected e.g. 'String {guid} Name PropertyName'.`,
    );
  }
  return canonical;
}
