/**
 * The reader's mentions, marked and hoverable with the same card as on web pages: the content
 * script's session, run on the reader's own document under the same settings. As on a web page,
 * pausing (or turning the reader's "site" off from a card) ends it, a change of the kinds to
 * mark starts it afresh, and density, delays and theme apply to it as they change.
 */
import { canPaint } from '../content/highlights';
import { startSession, type Session } from '../content/session';
import { isActiveOn, type Settings } from '../core/settings';
import { loadSettings, watchSettings } from '../settings-store';

export function runReaderSession(doc: Document, signal: AbortSignal): void {
  const win = doc.defaultView!;
  if (!canPaint(win)) return;
  let session: Session | null = null;
  let kinds = '';
  const apply = (settings: Settings) => {
    if (signal.aborted) return;
    const active = isActiveOn(settings, win.location.hostname);
    if (session && (!active || JSON.stringify(settings.kinds) !== kinds)) {
      session.stop();
      session = null;
    }
    if (!active) return;
    if (session) session.update(settings);
    else {
      kinds = JSON.stringify(settings.kinds);
      session = startSession(doc, settings);
    }
  };
  void loadSettings().then(({ settings }) => apply(settings));
  watchSettings(apply, signal);
  signal.addEventListener('abort', () => session?.stop());
}
