/**
 * The background's answers to each message of the map. Each handler gets params that already
 * passed their type guard.
 */
import browser, { type Runtime } from '../browser-api';
import { cardFor } from '../core/card';
import type { Handlers, LazyScript } from '../messages';
import { loadIndex } from './load-index';

/** Injects one of the content script's lazily loaded files into the sender's frame (Firefox). */
async function inject(file: LazyScript, sender: Runtime.MessageSender): Promise<null> {
  if (sender.tab?.id === undefined || sender.frameId === undefined) throw new Error(`${file} is loaded into a page`);
  await browser.scripting.executeScript({ target: { tabId: sender.tab.id, frameIds: [sender.frameId] }, files: [file] });
  return null;
}

export const handlers: Handlers<'card:get' | 'script:load' | 'reader:open'> = {
  'card:get': async ({ entityId }) => {
    const card = cardFor(await loadIndex(), entityId);
    if (!card) throw new Error(`No entity "${entityId}" in the corpus`);
    return card;
  },
  // Firefox only (see src/content/load-script.ts): Chrome's content scripts import these files.
  'script:load': async ({ file }, sender) => inject(file, sender),
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
