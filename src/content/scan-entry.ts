/**
 * Backstory's scanner, hover and cards on a web page, built as scan.js and loaded by the content
 * script once the sieve finds a candidate, or a message needs it (index.ts). Starts a session
 * where Backstory is active, and starts, updates or ends it as settings change, without a reload
 * (the background tells the page when they do).
 */
import browser from '../browser-api';
import { dispatcher } from '../messages';
import { readStored } from '../settings-store';
import { loadCardModule } from './load-script';
import { retireWhenOrphaned } from './orphan';
import { SCAN_MODULE, type ScanModule } from './scan-module';
import { keepSession, startSession } from './session';

/** The text nodes the first scan may keep to (index.ts); any later session scans everything. */
let firstScope: readonly Text[] | undefined;
const kept = keepSession(location.hostname, ({ settings, shortcut }) => {
  const scope = firstScope;
  firstScope = undefined;
  return startSession(document, settings, loadCardModule, { scope, shortcut });
});

// Without its extension (Chromium keeps the script running) the session is ended: orphan.ts.
retireWhenOrphaned(document, () => !!browser.runtime?.id, kept.stop);

/** Settings read and the session started (or not, where Backstory is off): messages wait for it. */
let started: Promise<void> = Promise.resolve();

const answer = dispatcher({
  'content:open-card': async ({ selectionText }) => kept.current?.openFromKeyboard(selectionText) ?? false,
  'content:mentions': async () => kept.current?.mentions() ?? [],
  'content:reveal': async ({ entityId, occurrence }) => kept.current?.reveal(entityId, occurrence) ?? false,
  'content:settings-changed': async () => {
    kept.apply(await readStored());
    return null;
  },
});

const scanModule: ScanModule = {
  start(scope) {
    firstScope = scope;
    started = readStored().then(kept.apply);
  },
  // A message that loaded the scanner (a look-up on a page the sieve found no one on) arrives
  // before the settings are read; answered then, it would find no session and do nothing.
  dispatch: async (message, sender) => {
    await started.catch(() => undefined);
    return answer(message, sender as Parameters<typeof answer>[1]);
  },
};

(globalThis as unknown as Record<symbol, ScanModule>)[SCAN_MODULE] = scanModule;
