/**
 * Backstory's scanner, hover and cards on a web page, built as scan.js and loaded by the content
 * script once the sieve finds a candidate, or a message needs it (index.ts). Starts a session
 * where Backstory is active, and starts, updates or ends it as settings change, without a reload
 * (the background tells the page when they do).
 */
import { isActiveOn, type Settings } from '../core/settings';
import { dispatcher } from '../messages';
import { loadSettings } from '../settings-store';
import { loadCardModule } from './load-script';
import { SCAN_MODULE, type ScanModule } from './scan-module';
import { startSession, type Session } from './session';

let session: Session | null = null;
let scannedKinds = '';

function apply(settings: Settings, scope?: readonly Text[]): void {
  const kinds = JSON.stringify(settings.kinds);
  if (!isActiveOn(settings, location.hostname) || (session && kinds !== scannedKinds)) {
    session?.stop();
    session = null;
  }
  if (!isActiveOn(settings, location.hostname)) return;
  if (session) session.update(settings);
  else {
    scannedKinds = kinds;
    session = startSession(document, settings, loadCardModule, { scope });
  }
}

const scanModule: ScanModule = {
  start(scope) {
    void loadSettings().then(({ settings }) => apply(settings, scope));
  },
  dispatch: dispatcher({
    'content:open-card': async ({ selectionText }) => session?.openFromKeyboard(selectionText) ?? false,
    'content:mentions': async () => session?.mentions() ?? [],
    'content:reveal': async ({ entityId, occurrence }) => session?.reveal(entityId, occurrence) ?? false,
    'content:settings-changed': async () => {
      apply((await loadSettings()).settings);
      return null;
    },
  }) as ScanModule['dispatch'],
};

(globalThis as unknown as Record<symbol, ScanModule>)[SCAN_MODULE] = scanModule;
