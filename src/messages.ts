/**
 * The one typed map of messages between Backstory's contexts. Each name says who asks whom:
 * every message here is sent by a content script or an extension page and answered by the
 * background. The background checks each payload with the guard below before handling it.
 */
import browser from './browser-api';
import type { CardData } from './core/card';

export interface MessageMap {
  /** Content script → background: what the card shows for one entity. */
  'card:get': { params: { entityId: string }; result: CardData };
  /** Content script → background: open the reader at a span of an article. */
  'reader:open': { params: { articleId: string; start: number; end: number }; result: null };
}

export type MessageName = keyof MessageMap;
export type Params<N extends MessageName> = MessageMap[N]['params'];
export type Result<N extends MessageName> = MessageMap[N]['result'];

export interface Envelope<N extends MessageName = MessageName> {
  type: N;
  params: Params<N>;
}

/** What travels back: errors cross the boundary as data, never as a rejected promise. */
export type Reply<N extends MessageName = MessageName> =
  | { ok: true; result: Result<N> }
  | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 200;
const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A runtime guard per message, so a malformed payload is answered with an error. */
export const paramGuards: { [N in MessageName]: (p: unknown) => p is Params<N> } = {
  'card:get': (p): p is Params<'card:get'> => isRecord(p) && isId(p.entityId),
  'reader:open': (p): p is Params<'reader:open'> =>
    isRecord(p) &&
    isId(p.articleId) &&
    isOffset(p.start) &&
    isOffset(p.end) &&
    (p.start as number) <= (p.end as number),
};

export function isEnvelope(v: unknown): v is Envelope {
  if (!isRecord(v) || typeof v.type !== 'string' || !Object.hasOwn(paramGuards, v.type)) {
    return false;
  }
  return paramGuards[v.type as MessageName](v.params);
}

export class MessageError extends Error {
  override name = 'MessageError';
}

/** Sends a message to the background and resolves with its result, or throws its error. */
export async function send<N extends MessageName>(type: N, params: Params<N>): Promise<Result<N>> {
  const envelope: Envelope<N> = { type, params };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<N> | undefined;
  if (!reply) throw new MessageError(`No answer to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.result;
}
