/**
 * The background's answers to each message of the map. Each handler gets params that already
 * passed their type guard.
 */
import browser from '../browser-api';
import { cardFor } from '../core/card';
import type { Handlers } from '../messages';
import { loadIndex } from './load-index';
import { OPEN_CARD_COMMAND } from './triggers';

export const handlers: Handlers<'card:get' | 'card:load' | 'reader:open' | 'command:shortcut'> = {
  'card:get': async ({ entityId }) => {
    const card = cardFor(await loadIndex(), entityId);
    if (!card) throw new Error(`No entity "${entityId}" in the corpus`);
    return card;
  },
  // Firefox only (see src/content/load-card-module.ts): Chrome's content scripts import card.js.
  'card:load': async (_params, sender) => {
    if (sender.tab?.id === undefined || sender.frameId === undefined) throw new Error('card:load comes from a page');
    await browser.scripting.executeScript({
      target: { tabId: sender.tab.id, frameIds: [sender.frameId] },
      files: ['card.js'],
    });
    return null;
  },
  'reader:open': async ({ articleId, start, end }, sender) => {
    const params = new URLSearchParams({ article: articleId, start: `${start}`, end: `${end}` });
    await browser.tabs.create({
      url: browser.runtime.getURL(`reader.html?${params}`),
      // Open next to the page the reader came from.
      ...(sender.tab?.index !== undefined && { index: sender.tab.index + 1 }),
    });
    return null;
  },
  'command:shortcut': async () => {
    const commands = await browser.commands.getAll();
    return commands.find((c) => c.name === OPEN_CARD_COMMAND)?.shortcut || null;
  },
};
