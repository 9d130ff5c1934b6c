/**
 * The background's answers to each message of the map. Each handler gets params that already
 * passed their type guard.
 */
import browser, { type Runtime } from '../browser-api';
import { cardFor } from '../core/card';
import type { MessageName, Params, Result } from '../messages';
import { loadIndex } from './load-index';

type Handlers = {
  [N in MessageName]: (params: Params<N>, sender: Runtime.MessageSender) => Promise<Result<N>>;
};

export const handlers: Handlers = {
  'card:get': async ({ entityId }) => {
    const card = cardFor(await loadIndex(), entityId);
    if (!card) throw new Error(`No entity "${entityId}" in the corpus`);
    return card;
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
};
