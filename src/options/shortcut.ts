/** The browser's own place to change the open-card key (src/shortcut-store.ts reads the key). */
import browser from '../browser-api';

/**
 * Opens the browser's shortcut settings: Firefox (137+) has an API for its "Manage Extension
 * Shortcuts" page; Chrome lets an extension open chrome://extensions/shortcuts in a tab.
 */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
