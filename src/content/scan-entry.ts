/**
 * Backstory's scanner, hover and cards on a web page, built as scan.js and loaded by the content
 * script once the sieve finds a candidate, or a message needs it (index.ts). Starts a session
 * where Backstory is active, and starts, updates or ends it as settings change, without a reload
 * (the background tells the page when they do).
 */
import { isActiveOn } from '../core/settings';
import { dispatcher } from '../messages';
import { readStored, type Stored } from '../settings-store';
import { loadCardModule } from './load-script';
import { SCAN_MODULE, type ScanModule } from './scan-module';
import { startSession, type Session } from './session';

let session: Session | null = null;
let scannedKinds = '';

function apply({ settings, shortcut }: Stored, scope?: readonly Text[]): void {
  const kinds = JSON.stringify(settings.kinds);
  if (!isActiveOn(settings, location.hostname) || (session && kinds !== scannedKinds)) {
    session?.stop();
    session = null;
  }
  if (!isActiveOn(settings, location.hostname)) return;
  if (session) {
    session.update(settings);
    session.setShortcut(shortcut);
  } else {
    scannedKinds = kinds;
    session = startSession(document, settings, loadCardModule, { scope, shortcut });
  }
}

/** Settings read and the session started (or not, where Backstory is off): messages wait for it. */
let started: Promise<void> = Promise.resolve();

const answer = dispatcher({
  'content:open-card': async ({ selectionText }) => session?.openFromKeyboard(selectionText) ?? false,
  'content:mentions': async () => session?.mentions() ?? [],
  'content:reveal': async ({ entityId, occurrence }) => session?.reveal(entityId, occurrence) ?? false,
  'content:settings-changed': async () => {
    apply(await readStored());
    return null;
  },
});

const scanModule: ScanModule = {
  start(scope) {
    started = readStored().then((stored) => apply(stored, scope));
  },
  // A message that loaded the scanner (a look-up on a page the sieve found no one on) arrives
  // before the settings are read; answered then, it would find no session and do nothing.
  dispatch: async (message, sender) => {
    await started.catch(() => undefined);
    return answer(message, sender as Parameters<typeof answer>[1]);
  },
};

(globalThis as unknown as Record<symbol, ScanModule>)[SCAN_MODULE] = scanModule;
