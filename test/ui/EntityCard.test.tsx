import { Window } from 'happy-dom';
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { CardData } from '../../src/core/card';
import { EntityCard, type CardState } from '../../src/ui/EntityCard';

const card: CardData = {
  entity: { id: 'marco-rubio', name: 'Marco Rubio', kind: 'person', role: 'US Secretary of State' },
  quoteCount: 4,
  quotes: [
    {
      text: 'We’re not here to <b>waste</b> time.',
      speaker: 'Marco Rubio',
      articleId: 'a1',
      articleTitle: 'Title',
      outlet: null,
      start: 10,
      end: 40,
    },
  ],
};

function mount(state: CardState) {
  const window = new Window();
  const doc = window.document as unknown as Document;
  const root = doc.createElement('div');
  doc.body.append(root);
  const onOpenQuote = vi.fn();
  const onClose = vi.fn();
  render(
    <EntityCard state={state} readerHref={(q) => `reader.html?article=${q.articleId}`} onOpenQuote={onOpenQuote} onClose={onClose} />,
    root,
  );
  return { root, onOpenQuote, onClose };
}

describe('EntityCard', () => {
  it('is a dialog named after the entity', () => {
    const { root } = mount({ status: 'ready', card });
    const dialog = root.querySelector('[role="dialog"]')!;
    const labelId = dialog.getAttribute('aria-labelledby')!;
    expect(root.querySelector(`#${labelId}`)?.textContent).toBe('Marco Rubio');
    expect(root.textContent).toContain('Person · US Secretary of State');
  });

  it('shows quotes as text, with speaker and an honest outlet', () => {
    const { root } = mount({ status: 'ready', card });
    expect(root.querySelector('blockquote')?.textContent).toBe('“We’re not here to <b>waste</b> time.”');
    expect(root.querySelector('blockquote b')).toBeNull();
    // No outlet in the text: the headline credits the quote, and the card says the outlet is unknown.
    expect(root.querySelector('.source')?.textContent).toContain('— Marco Rubio, “Title” (outlet not stated)');
    expect(root.textContent).toContain('4 quotes in the corpus');
  });

  it('opens the reader through the callback, not by navigating', () => {
    const { root, onOpenQuote } = mount({ status: 'ready', card });
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('reader.html?article=a1');
    link.click();
    expect(onOpenQuote).toHaveBeenCalledWith(card.quotes[0]);
  });

  it('says the outlet is not stated when neither outlet nor headline is known', () => {
    const untitled = { ...card, quotes: [{ ...card.quotes[0]!, articleTitle: null }] };
    const { root } = mount({ status: 'ready', card: untitled });
    expect(root.querySelector('.source')?.textContent).toContain('— Marco Rubio, outlet not stated');
  });

  it('says when there are no quotes', () => {
    const { root } = mount({ status: 'ready', card: { ...card, quotes: [], quoteCount: 0 } });
    expect(root.textContent).toContain('The corpus holds no direct quotes from Marco Rubio.');
  });

  it('shows loading and error states', () => {
    expect(mount({ status: 'loading' }).root.textContent).toContain('Loading…');
    const { root } = mount({ status: 'error', message: 'index.json: HTTP 404' });
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Backstory could not load this card: index.json: HTTP 404',
    );
  });

  it('closes from its close button', () => {
    const { root, onClose } = mount({ status: 'loading' });
    root.querySelector<HTMLButtonElement>('button.close')!.click();
    expect(onClose).toHaveBeenCalled();
  });
});
