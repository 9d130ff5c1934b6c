/**
 * The content script's entry: starts a session where Backstory is active, and starts, updates
 * or ends it as settings change, without a reload (the background tells it when they do).
 */
import browser from '../browser-api';
import { isActiveOn, type Settings } from '../core/settings';
import { dispatcher } from '../messages';
import { loadSettings } from '../settings-store';
import { isReadable } from './document-kind';
import { canPaint } from './highlights';
import { loadCardModule } from './load-card-module';
import { startSession, type Session } from './session';

let session: Session | null = null;
let scannedKinds = '';

function apply(settings: Settings): void {
  const kinds = JSON.stringify(settings.kinds);
  if (!isActiveOn(settings, location.hostname) || (session && kinds !== scannedKinds)) {
    session?.stop();
    session = null;
  }
  if (!isActiveOn(settings, location.hostname)) return;
  if (session) session.update(settings);
  else {
    scannedKinds = kinds;
    session = startSession(document, settings, loadCardModule);
  }
}

async function main(): Promise<void> {
  if (!isReadable(document.contentType)) return;
  if (!canPaint(window)) {
    console.info('Backstory: this browser lacks the CSS Custom Highlight API; mentions stay unmarked.');
    return;
  }
  browser.runtime.onMessage.addListener(
    dispatcher({
      'content:open-card': async ({ selectionText }) => session?.openFromKeyboard(selectionText) ?? false,
      'content:mentions': async () => session?.mentions() ?? [],
      'content:reveal': async ({ entityId, occurrence }) => session?.reveal(entityId, occurrence) ?? false,
      'content:settings-changed': async () => {
        apply((await loadSettings()).settings);
        return null;
      },
    }),
  );
  apply((await loadSettings()).settings);
}

void main();
