/**
 * The background: holds the corpus index and answers the content scripts and pages.
 * Every message is checked against the typed map before it is handled; a malformed one, or one
 * from another extension or a web page, gets an error reply and never reaches a handler.
 */
import browser, { type Runtime } from '../browser-api';
import { isEnvelope, type Envelope, type MessageName, type Reply } from '../messages';
import { handlers } from './handlers';

async function dispatch(message: unknown, sender: Runtime.MessageSender): Promise<Reply> {
  if (sender.id !== browser.runtime.id) return { ok: false, error: 'Unknown sender' };
  if (!isEnvelope(message)) return { ok: false, error: 'Malformed message' };
  const { type, params } = message as Envelope<MessageName>;
  try {
    const handler = handlers[type] as (p: typeof params, s: Runtime.MessageSender) => Promise<unknown>;
    return { ok: true, result: (await handler(params, sender)) as never };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  dispatch(message, sender),
);
