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

/** The tab "On this page" is about, with the host of its web page (null for other pages). */
export interface TargetTab {
  id: number;
  hostname: string | null;
}

/**
 * The tab "On this page" is about. In the toolbar popup, the active tab of its window; when the
 * popup page is open in a tab of its own, the tab that opened it (if any).
 */
export async function targetTab(): Promise<TargetTab | null> {
  const own = await browser.tabs.getCurrent();
  const tab =
    own === undefined
      ? (await browser.tabs.query({ active: true, currentWindow: true }))[0]
      : own.openerTabId === undefined
        ? undefined
        : await browser.tabs.get(own.openerTabId);
  if (tab?.id === undefined) return null;
  return { id: tab.id, hostname: webHostname(tab.url) };
}

/** The host of a web page's address; null for any other page, or none. */
export function webHostname(url: string | undefined): string | null {
  if (!url || !/^https?:/.test(url)) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
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
