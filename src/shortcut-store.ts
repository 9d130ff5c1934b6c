/**
 * The open-card command's key. The browser knows it, but only the background and extension
 * pages may ask (the commands API). The background keeps a copy in `storage.local`, and pages
 * read it with their settings: a content script that asked the background at start would leave
 * the question in flight whenever its page is left quickly, and Firefox files every extension
 * promise still pending at unload as an error against the extension.
 *
 * Firefox says when the key changes (`commands.onChanged`, though not when it is reset to the
 * manifest's); Chrome does not. Otherwise the copy is brought up to date whenever the
 * background starts, which it does on nearly any use, and whenever the settings page, which
 * shows the key, comes into view.
 */
import browser from './browser-api';

export const OPEN_CARD_COMMAND = 'open-card';
export const SHORTCUT_KEY = 'shortcut';

/** The key the browser has for the open-card command, or null when none is set. */
async function currentShortcut(): Promise<string | null> {
  const commands = await browser.commands.getAll();
  return commands.find((c) => c.name === OPEN_CARD_COMMAND)?.shortcut || null;
}

/**
 * Stores the browser's key for the open-card command, when it differs from the stored copy.
 * Resolves to the key.
 */
export async function keepShortcut(): Promise<string | null> {
  const [shortcut, stored] = await Promise.all([currentShortcut(), loadShortcut()]);
  if (shortcut !== stored) await browser.storage.local.set({ [SHORTCUT_KEY]: shortcut });
  return shortcut;
}

/** The stored key, or null when none is stored or what is stored is not a key's text. */
export async function loadShortcut(): Promise<string | null> {
  try {
    return asShortcut((await browser.storage.local.get(SHORTCUT_KEY))[SHORTCUT_KEY]);
  } catch {
    return null;
  }
}

/** Whether a storage.onChanged event is a change of the stored key. */
export const shortcutChanged = (changes: object, area: string): boolean => area === 'local' && SHORTCUT_KEY in changes;

const asShortcut = (value: unknown): string | null => (typeof value === 'string' && value.length <= 100 ? value : null);
