/**
 * The reader's mentions, marked and hoverable with the same card as on web pages: the content
 * script's session, run on the reader's own document under the same settings. As on a web page,
 * pausing (or turning the reader's "site" off from a card) ends it, a change of the kinds to
 * mark starts it afresh, and density, delays and theme apply to it as they change.
 *
 * The reader also answers the messages a content script answers, so the keyboard command, the
 * context-menu entry and the popup's "On this page" work on it too: both browsers deliver
 * `tabs.sendMessage` to an extension page open in the tab.
 */
import browser, { type Runtime } from '../browser-api';
import { canPaint } from '../content/highlights';
import { CardHost } from '../content/card-host';
import { keepSession, startSession } from '../content/session';
import { dispatcher, isEnvelope, type Handlers } from '../messages';
import { readStored, watchStored } from '../settings-store';

type PageMessages = 'content:open-card' | 'content:mentions' | 'content:reveal';

export function runReaderSession(doc: Document, signal: AbortSignal): void {
  const win = doc.defaultView!;
  if (!canPaint(win)) return;
  // The reader is Backstory's own page: "Turn off on this site" would mean nothing here.
  const kept = keepSession(win.location.hostname, ({ settings, shortcut }) =>
    startSession(doc, settings, async () => ({ CardHost }), { siteControls: false, shortcut }),
  );
  const read = () => void readStored().then((stored) => !signal.aborted && kept.apply(stored));
  read();
  watchStored(read, signal);
  signal.addEventListener('abort', kept.stop);

  const handlers: Handlers<PageMessages> = {
    'content:open-card': async ({ selectionText }) => kept.current?.openFromKeyboard(selectionText) ?? false,
    'content:mentions': async () => kept.current?.mentions() ?? [],
    'content:reveal': async ({ entityId, occurrence }) => kept.current?.reveal(entityId, occurrence) ?? false,
  };
  const answer = dispatcher(handlers);
  // An extension page also hears every runtime message meant for the background (card:get …).
  // Answering those, even with an error, would race the background's answer: stay silent.
  const listener = (message: unknown, sender: Runtime.MessageSender) =>
    isEnvelope(message) && Object.hasOwn(handlers, message.type) ? answer(message, sender) : undefined;
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
