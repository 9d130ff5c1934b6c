/** The open-card command's key, and the browser's own place to change it. */
import browser from '../browser-api';

const OPEN_CARD_COMMAND = 'open-card';

/** The key the browser has for the open-card command, or null when none is set. */
export async function currentShortcut(): Promise<string | null> {
  const commands = await browser.commands.getAll();
  return commands.find((c) => c.name === OPEN_CARD_COMMAND)?.shortcut || null;
}

/**
 * Opens the browser's shortcut settings: Firefox (137+) has an API for its "Manage Extension
 * Shortcuts" page; Chrome lets an extension open chrome://extensions/shortcuts in a tab.
 */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
  else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
