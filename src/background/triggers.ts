/**
 * Ways to open a card other than hovering: the keyboard command and the context-menu entry on a
 * selection. Both ask the page's content script, which knows the mentions, to open it.
 */
import browser from '../browser-api';
import { sendToTab } from '../messages';
import { keepShortcut, OPEN_CARD_COMMAND } from '../shortcut-store';
const MENU_ID = 'backstory-look-up';

export function registerTriggers(): void {
  // Pages read the key from storage (see shortcut-store.ts). Chrome has no onChanged.
  void keepShortcut().catch(() => undefined);
  browser.commands.onChanged?.addListener(() => void keepShortcut().catch(() => undefined));

  browser.commands.onCommand.addListener(async (command) => {
    if (command !== OPEN_CARD_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    // Only the top frame: frames run their own content scripts and would each open a card.
    await sendToTab(tab.id, 'content:open-card', {}, 0).catch(() => undefined);
  });

  // Menus persist across background restarts; create them once per install or update.
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('menuLookUp'),
      contexts: ['selection'],
    });
  });
  browser.contextMenus.onClicked.addListener(async (info, tab) => {
    if (info.menuItemId !== MENU_ID || tab?.id === undefined) return;
    await sendToTab(tab.id, 'content:open-card', { selectionText: info.selectionText ?? '' }, info.frameId).catch(
      () => undefined,
    );
  });
}
