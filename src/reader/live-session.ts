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
import { startSession, type Session } from '../content/session';
import { isActiveOn } from '../core/settings';
import { dispatcher, isEnvelope, type Handlers } from '../messages';
import { readStored, watchStored, type Stored } from '../settings-store';

type PageMessages = 'content:open-card' | 'content:mentions' | 'content:reveal';

export function runReaderSession(doc: Document, signal: AbortSignal): void {
  const win = doc.defaultView!;
  if (!canPaint(win)) return;
  let session: Session | null = null;
  let kinds = '';
  const apply = ({ settings, shortcut }: Stored) => {
    if (signal.aborted) return;
    const active = isActiveOn(settings, win.location.hostname);
    if (session && (!active || JSON.stringify(settings.kinds) !== kinds)) {
      session.stop();
      session = null;
    }
    if (!active) return;
    if (session) {
      session.update(settings);
      session.setShortcut(shortcut);
    } else {
      kinds = JSON.stringify(settings.kinds);
      // The reader is Backstory's own page: "Turn off on this site" would mean nothing here.
      session = startSession(doc, settings, async () => ({ CardHost }), { siteControls: false, shortcut });
    }
  };
  const read = () => void readStored().then(apply);
  read();
  watchStored(read, signal);
  signal.addEventListener('abort', () => session?.stop());

  const handlers: Handlers<PageMessages> = {
    'content:open-card': async ({ selectionText }) => session?.openFromKeyboard(selectionText) ?? false,
    'content:mentions': async () => session?.mentions() ?? [],
    'content:reveal': async ({ entityId, occurrence }) => session?.reveal(entityId, occurrence) ?? false,
  };
  const answer = dispatcher(handlers);
  // An extension page also hears every runtime message meant for the background (card:get …).
  // Answering those, even with an error, would race the background's answer: stay silent.
  const listener = (message: unknown, sender: Runtime.MessageSender) =>
    isEnvelope(message) && Object.hasOwn(handlers, message.type) ? answer(message, sender) : undefined;
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
