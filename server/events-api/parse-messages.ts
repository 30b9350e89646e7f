import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { customerTraits } from '../../db/customers/traits';
import type { IngestMessage } from '../../db/events/ingest-events';
import { ApiError, invalidRequest, type ApiIssue } from '../http/api-error';
import {
  batchEnvelopeSchema,
  messageSchemas,
  messageTypes,
  type MessageType,
  type ParsedMessage,
} from './message-schema';

/** Segment's limits: 500 KB per request, 32 KB per message. */
export const maxRequestBytes = 500 * 1024;
export const maxMessageBytes = 32 * 1024;

/** Stored message ids carry this prefix, so a client's id can never collide with one our domain derives. */
export const apiMessageIdPrefix = 'api:';

/** What the route is: one message of a fixed type, or a batch of any. */
export type IngestRoute = MessageType | 'batch';

/**
 * The request body as messages ready to store, or a 400 naming every offending field by
 * its path (`batch.3.event`), or a 413 naming an oversized message. Nothing is stored
 * unless the whole request is valid, so a client fixing its request resends all of it.
 */
export function parseMessages(route: IngestRoute, body: unknown, receivedAt: Date): IngestMessage[] {
  const issues: ApiIssue[] = [];
  const messages: IngestMessage[] = [];
  if (route === 'batch') {
    const envelope = batchEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw invalidRequest(zodIssues(envelope.error, []));
    envelope.data.batch.forEach((item, index) => {
      const path = ['batch', String(index)];
      checkSize(item, path);
      const type = isObject(item) ? item.type : undefined;
      if (typeof type !== 'string' || !(messageTypes as readonly string[]).includes(type)) {
        issues.push({
          path: [...path, 'type'].join('.'),
          message:
            type === undefined
              ? `is required; send one of ${messageTypes.join(', ')}`
              : `${JSON.stringify(type)} is not a supported type; send one of ${messageTypes.join(', ')}`,
        });
        return;
      }
      const message = parseOne(
        type as MessageType,
        item,
        path,
        envelope.data.sentAt ?? null,
        receivedAt,
        issues,
      );
      if (message) messages.push(message);
    });
  } else {
    if (!isObject(body)) throw invalidRequest([{ path: '', message: 'must be a JSON object' }]);
    checkSize(body, []);
    if (body.type !== undefined && body.type !== route) {
      issues.push({ path: 'type', message: `must be "${route}" on this endpoint, or left out` });
    } else {
      const message = parseOne(route, body, [], null, receivedAt, issues);
      if (message) messages.push(message);
    }
  }
  if (issues.length > 0) throw invalidRequest(issues);
  return messages;
}

function parseOne(
  type: MessageType,
  input: unknown,
  path: string[],
  batchSentAt: Date | null,
  receivedAt: Date,
  issues: ApiIssue[],
): IngestMessage | null {
  const result = messageSchemas[type].safeParse(input, {
    error: (issue) =>
      issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined,
  });
  if (!result.success) {
    issues.push(...zodIssues(result.error, path));
    return null;
  }
  const message = { type, ...result.data } as ParsedMessage;
  if (message.userId === null && message.anonymousId === null) {
    issues.push({ path: [...path, 'userId'].join('.'), message: 'is required unless anonymousId is sent' });
    return null;
  }

  let traits: IngestMessage['traits'];
  if (message.type === 'identify' && message.userId !== null) {
    const split = customerTraits(message.traits);
    for (const issue of split.issues)
      issues.push({ path: [...path, 'traits', issue.key].join('.'), message: issue.message });
    if (split.issues.length > 0) return null;
    traits = split.traits;
  }

  const { name, properties } = nameAndProperties(message);
  return {
    type: message.type === 'identify' ? 'identify' : 'track',
    name,
    properties,
    messageId: apiMessageIdPrefix + (message.messageId ?? derivedMessageId(message)),
    userId: message.userId,
    anonymousId: message.anonymousId,
    occurredAt: occurredAt(message, batchSentAt, receivedAt),
    traits,
  };
}

/** Page and screen views are stored as track events named `page`/`screen`, their name and category as properties. */
function nameAndProperties(message: ParsedMessage): { name: string; properties: Record<string, unknown> } {
  switch (message.type) {
    case 'track':
      return { name: message.event, properties: message.properties };
    case 'identify':
      return { name: 'identify', properties: message.traits };
    case 'page':
    case 'screen':
      return {
        name: message.type,
        properties: {
          ...(message.name ? { name: message.name } : {}),
          ...(message.category ? { category: message.category } : {}),
          ...message.properties,
        },
      };
  }
}

/**
 * When it happened, as Segment decides it: an explicit `timestamp` as sent; else the
 * device's `originalTimestamp` corrected by its clock skew (`sentAt` against our
 * `receivedAt`, both read by the same clocks); else the device time as is; else now.
 */
function occurredAt(message: ParsedMessage, batchSentAt: Date | null, receivedAt: Date): Date {
  if (message.timestamp) return message.timestamp;
  const sentAt = message.sentAt ?? batchSentAt;
  if (message.originalTimestamp && sentAt) {
    return new Date(receivedAt.getTime() - (sentAt.getTime() - message.originalTimestamp.getTime()));
  }
  return message.originalTimestamp ?? receivedAt;
}

/**
 * Segment libraries always send a messageId. A hand-made request without one gets an id
 * derived from its content (type, ids, name, properties or traits, and its timestamps), so
 * resending it after a timeout stores it once. The price: two identical messages without
 * messageId and timestamp count as one, so send a timestamp or a messageId to tell them apart.
 */
export function derivedMessageId(message: ParsedMessage): string {
  const { type, userId, anonymousId, timestamp, originalTimestamp } = message;
  const content = canonicalJson({
    type,
    userId,
    anonymousId,
    ...nameAndProperties(message),
    timestamp: timestamp?.toISOString() ?? null,
    originalTimestamp: originalTimestamp?.toISOString() ?? null,
  });
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function checkSize(message: unknown, path: string[]) {
  const bytes = Buffer.byteLength(JSON.stringify(message) ?? '', 'utf8');
  if (bytes <= maxMessageBytes) return;
  const where = path.length > 0 ? `Message ${path.join('.')}` : 'The message';
  throw new ApiError(
    413,
    'message_too_large',
    `${where} is ${Math.ceil(bytes / 1024)} KB; a message may be at most ${maxMessageBytes / 1024} KB.`,
    { limitBytes: maxMessageBytes, ...(path.length > 0 && { path: path.join('.') }) },
  );
}

function zodIssues(error: z.ZodError, prefix: string[]): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
