/**
 * The content script: finds covered names in the page, paints them, and opens a card on hover.
 * Wiring only; each part lives in its own module.
 */
import entities from 'backstory:matcher-entities';
import { h } from 'preact';
import browser from '../browser-api';
import type { CardQuote } from '../core/card';
import { compileMatcher } from '../core/match/matcher';
import { send } from '../messages';
import { EntityCard, type CardState } from '../ui/EntityCard';
import { CardHost } from './card-host';
import { canPaint, createPainter } from './highlights';
import { MentionIndex, type Hit } from './hit-test';
import { watchHover } from './hover';
import { Scanner } from './scanner';

function readerHref(q: CardQuote): string {
  const params = new URLSearchParams({ article: q.articleId, start: `${q.start}`, end: `${q.end}` });
  return browser.runtime.getURL(`reader.html?${params}`);
}

function init(signal: AbortSignal): void {
  if (!canPaint(window)) {
    console.info('Backstory: this browser lacks the CSS Custom Highlight API; mentions stay unmarked.');
    return;
  }
  const painter = createPainter(window);
  const index = new MentionIndex();
  const card = new CardHost(document);
  let request = 0;

  const close = () => card.hide();
  const view = (state: CardState) =>
    h(EntityCard, {
      state,
      readerHref,
      onClose: close,
      onOpenQuote: (q: CardQuote) =>
        void send('reader:open', { articleId: q.articleId, start: q.start, end: q.end }),
    });

  const show = async ({ mention, rect }: Hit) => {
    const ticket = ++request;
    card.show(view({ status: 'loading' }), rect);
    let state: CardState;
    try {
      state = { status: 'ready', card: await send('card:get', { entityId: mention.entityId }) };
    } catch (error) {
      state = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (ticket === request && card.isOpen) card.update(view(state), rect);
  };

  const scanner = new Scanner({
    doc: document,
    matcher: compileMatcher(entities),
    ownHost: () => card.element,
    onAdd: (m) => {
      painter.add(m.range);
      index.add(m);
    },
    onRemove: (m) => {
      painter.delete(m.range);
      index.delete(m);
    },
    signal,
  });
  void scanner.start();

  watchHover({
    doc: document,
    hitTest: (x, y) => index.hitTest(document, x, y),
    inCard: (e) => card.contains(e),
    isOpen: () => card.isOpen,
    show: (hit) => void show(hit),
    hide: close,
    signal,
  });
}

init(new AbortController().signal);
