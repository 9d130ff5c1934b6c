/**
 * The popup's link to the page being read: which tab that is, what Backstory found on it, and
 * how to show one of those mentions there. The content script answers (`content:mentions`,
 * `content:reveal`); only the top frame is asked, since each frame runs its own session.
 */
import browser from '../browser-api';
import { sendToTab, type PageMention } from '../messages';

const TOP_FRAME = 0;

/** Whether this page is the toolbar popup rather than a page open in a tab of its own. */
export async function isToolbarPopup(): Promise<boolean> {
  return (await browser.tabs.getCurrent()) === undefined;
}

/**
 * The tab "On this page" is about. In the toolbar popup, the active tab of its window; when the
 * popup page is open in a tab of its own, the tab that opened it (if any).
 */
export async function targetTabId(): Promise<number | null> {
  const own = await browser.tabs.getCurrent();
  if (own) return own.openerTabId ?? null;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The covered entities the tab's content script found, in order of first mention. */
export function pageMentions(tabId: number): Promise<PageMention[]> {
  return sendToTab(tabId, 'content:mentions', {}, TOP_FRAME);
}

/** Scrolls the tab to an entity's mention, opens its card there, and brings the tab forward. */
export async function revealInTab(tabId: number, entityId: string, occurrence = 0): Promise<boolean> {
  const shown = await sendToTab(tabId, 'content:reveal', { entityId, occurrence }, TOP_FRAME);
  if (shown) await leaveFor(tabId);
  return shown;
}

/** Opens one of Backstory's pages (e.g. the reader) in a new tab. */
export async function openExtensionPage(path: string): Promise<void> {
  const tab = await browser.tabs.create({ url: browser.runtime.getURL(path) });
  if (tab.id !== undefined) await leaveFor(tab.id);
}

/** Hands over to `tabId`: the toolbar popup closes; a popup page in a tab switches to it. */
async function leaveFor(tabId: number): Promise<void> {
  if (await isToolbarPopup()) window.close();
  else await browser.tabs.update(tabId, { active: true });
}
