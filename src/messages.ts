/**
 * The one typed map of messages between Backstory's contexts. The prefix says who answers:
 * `content:` messages go from the background to a tab's content script; all others go from a
 * content script or an extension page to the background. The receiver checks each payload with
 * the guard below before handling it.
 */
import browser, { type Runtime } from './browser-api';
import type { CardData } from './core/card';
import { LISTEN_KEY, listenInPage } from './content/listen-hook';

export interface MessageMap {
  /** Content script → background: what the card shows for one entity. */
  'card:get': { params: { entityId: string }; result: CardData };
  /** Content script → background: open the reader at a span of an article. */
  'reader:open': { params: { articleId: string; start: number; end: number }; result: null };
  /**
   * Content script (Firefox) → background: inject one of its lazily loaded files into this
   * frame: the card (card.js) or the scanner (scan.js).
   */
  'script:load': { params: { file: LazyScript }; result: null };
  /**
   * Background → content script: open the card for the mention at the selection or caret, else
   * for the entity the selected text names, else for the first mention in view. Resolves to
   * whether a card opened.
   */
  'content:open-card': { params: { selectionText?: string }; result: boolean };
  /** Popup → content script (via tabs.sendMessage): the covered entities found on the page. */
  'content:mentions': { params: Record<string, never>; result: PageMention[] };
  /** Popup → content script: scroll to an entity's `occurrence`-th mention and open its card. */
  'content:reveal': { params: { entityId: string; occurrence: number }; result: boolean };
  /**
   * Background → content scripts of every tab: the settings or the open-card key changed; read
   * them again. Content scripts do not listen to storage.onChanged themselves: Firefox logs an
   * error naming the extension each time a page with such a listener unloads (its bug 1633315).
   */
  'content:settings-changed': { params: Record<string, never>; result: null };
}

/** One covered entity found on a page, in order of its first mention. */
/** The content script's lazily loaded files. */
export const LAZY_SCRIPTS = ['card.js', 'scan.js'] as const;
export type LazyScript = (typeof LAZY_SCRIPTS)[number];

export interface PageMention {
  entityId: string;
  /** How many times it is mentioned. */
  count: number;
  /** The text of its first mention, as on the page. */
  text: string;
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
  'script:load': (p): p is Params<'script:load'> =>
    isRecord(p) && Object.keys(p).length === 1 && (LAZY_SCRIPTS as readonly unknown[]).includes(p.file),
  'content:open-card': (p): p is Params<'content:open-card'> =>
    isRecord(p) &&
    (p.selectionText === undefined || (typeof p.selectionText === 'string' && p.selectionText.length <= 1000)),
  'content:mentions': (p): p is Params<'content:mentions'> => isRecord(p) && Object.keys(p).length === 0,
  'content:reveal': (p): p is Params<'content:reveal'> => isRecord(p) && isId(p.entityId) && isOffset(p.occurrence),
  'content:settings-changed': (p): p is Params<'content:settings-changed'> => isRecord(p) && Object.keys(p).length === 0,
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

function unwrap<N extends MessageName>(type: N, reply: Reply<N> | undefined): Result<N> {
  if (!reply) throw new MessageError(`No answer to ${type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.result;
}

/** Sends a message to the background and resolves with its result, or throws its error. */
export async function send<N extends MessageName>(type: N, params: Params<N>): Promise<Result<N>> {
  const envelope: Envelope<N> = { type, params };
  return unwrap(type, (await browser.runtime.sendMessage(envelope)) as Reply<N> | undefined);
}

/**
 * Sends a `content:` message to the content script of one tab (and frame). A content script
 * that found no one on its page is not listening (listen-hook.ts): where a frame is named and
 * the message finds no listener, the content script there is woken and the message sent again.
 * Waking it takes `scripting`, with host access to the page (docs/permissions.md). Without it
 * (a browser page, or a site whose access the user withheld) the first error stands.
 */
export async function sendToTab<N extends MessageName>(
  tabId: number,
  type: N,
  params: Params<N>,
  frameId?: number,
): Promise<Result<N>> {
  const envelope: Envelope<N> = { type, params };
  const options = frameId === undefined ? undefined : { frameId };
  const ask = async () => (await browser.tabs.sendMessage(tabId, envelope, options)) as Reply<N> | undefined;
  let reply: Reply<N> | undefined;
  try {
    reply = await ask();
  } catch (error) {
    if (frameId === undefined || !(await wake(tabId, frameId))) throw error;
    reply = await ask();
  }
  return unwrap(type, reply);
}

/** Whether a content script in the frame was there to start listening. */
async function wake(tabId: number, frameId: number): Promise<boolean> {
  try {
    // Content scripts run only in web pages. Where the address shows (one of Backstory's own
    // pages, or a page it has access to), nothing else is tried: Firefox warns of any script
    // sent into an extension page.
    const { url } = await browser.tabs.get(tabId);
    if (url !== undefined && !/^https?:/.test(url)) return false;
    const [ran] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      func: listenInPage,
      args: [LISTEN_KEY],
    });
    return ran?.result === true;
  } catch {
    return false; // no access to the page: a browser page, or a site whose access is withheld
  }
}

export type Handlers<Names extends MessageName> = {
  [N in Names]: (params: Params<N>, sender: Runtime.MessageSender) => Promise<Result<N>>;
};

/**
 * Answers messages with `handlers`: only from Backstory's own contexts, only well-formed, and
 * only the names this context handles. Errors travel back as data; nothing here throws.
 */
export function dispatcher<Names extends MessageName>(handlers: Handlers<Names>) {
  return async (message: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
    if (sender.id !== browser.runtime.id) return { ok: false, error: 'Unknown sender' };
    if (!isEnvelope(message) || !Object.hasOwn(handlers, message.type)) {
      return { ok: false, error: 'Malformed message' };
    }
    const handler = handlers[message.type as Names] as (p: unknown, s: Runtime.MessageSender) => Promise<unknown>;
    try {
      return { ok: true, result: (await handler(message.params, sender)) as never };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
