/**
 * Tells the content scripts of every tab when the settings or the open-card key change, so a page
 * follows the switch, the site list, the kinds and the key without a reload, and keeps the
 * content script's registration in step (content-script.ts). The content scripts
 * could listen to storage themselves, but in Firefox a content script's storage.onChanged
 * listener logs "sendRemoveListener on closed conduit" with Backstory's id whenever its page
 * unloads (bug 1633315); the background's does not unload with pages.
 *
 * The background does unload when Firefox suspends it, but this listener lets go on pagehide
 * first (onStorageChanged in settings-store.ts), and Firefox still wakes the background for it
 * (test/browser/asleep.test.ts; docs/robustness.md).
 */
import browser from '../browser-api';
import { sendToTab } from '../messages';
import { watchStored } from '../settings-store';
import { followSettings } from './content-script';

export function relaySettingsChanges(): void {
  watchStored(() => {
    // Pages opened from now on get the content script only where the settings let it run; open
    // tabs loaded while it was off get it now.
    void followSettings();
    void browser.tabs.query({}).then((tabs) =>
      Promise.all(
        tabs.map((tab) =>
          // Every frame of the tab; tabs without Backstory (browser pages) refuse, and that is fine.
          tab.id === undefined ? null : sendToTab(tab.id, 'content:settings-changed', {}).catch(() => null),
        ),
      ),
    );
  }, new AbortController().signal);
}
