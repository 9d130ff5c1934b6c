/**
 * The popup's search view in a DOM (happy-dom): the combobox pattern, keyboard use, grouping and
 * the empty states. Real searching over a prebuilt index; the browser itself is the real-browser
 * tests' business (test/browser/pages.test.ts).
 */
import { Window } from 'happy-dom';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSearcher, createSearchIndex } from '../../src/core/search';
import type { Article, CorpusIndex, Entity } from '../../src/core/types';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { SearchView } from '../../src/popup/SearchView';
import type { OnThisPage } from '../../src/popup/use-on-this-page';

/** The settings a change from the view leads to, from these stored ones. */
const stored = vi.hoisted(() => ({ changed: [] as unknown[] }));
vi.mock('../../src/settings-store', () => ({
  updateSettings: async (change: (s: Settings) => Settings) => {
    const next = change({ ...DEFAULT_SETTINGS, disabledSites: ['news.example', 'other.example'] });
    stored.changed.push(next);
    return next;
  },
}));

function entity(id: string, name: string, kind: Entity['kind'], aliases: string[] = []): Entity {
  return {
    id,
    kind,
    name,
    role: `${name}'s role`,
    aliases: [name, ...aliases],
    namesakes: [],
    caseRule: 'proper',
    related: [],
    background: [],
    asOf: { status: 'undated', date: null },
    sources: [],
  };
}
const text = 'Rubio said “we will move on” on Friday. Zelensky spoke too.';
const article: Article = { id: 'a1', file: 'a1.txt', title: 'Talks in Paris', outlet: 'Example Wire', published: null, language: 'en', unknown: {}, text };
const start = text.indexOf('we will');
const corpus: CorpusIndex = {
  schema: 1,
  entities: [
    entity('marco-rubio', 'Marco Rubio', 'person', ['Rubio']),
    entity('volodymyr-zelensky', 'Volodymyr Zelensky', 'person', ['Zelensky', 'Зеленський']),
    entity('kremlin', 'Kremlin', 'place-or-organisation'),
  ],
  articles: [article],
  quotes: [
    {
      id: 'a1#q1',
      speaker: 'marco-rubio',
      articleId: 'a1',
      start,
      end: start + 15,
      text: 'we will move on',
      sources: [{ articleId: 'a1', start, end: start + 15, text: 'we will move on' }],
    },
  ],
};
const data = { index: corpus, searcher: createSearcher(corpus, JSON.parse(JSON.stringify(createSearchIndex(corpus)))) };

let win: Window;
let root: HTMLElement;
const onOpenEntity = vi.fn();

function Harness({ onPage }: { onPage: OnThisPage }) {
  const [query, setQuery] = useState('');
  return <SearchView data={data} query={query} onQuery={setQuery} onPage={onPage} onOpenEntity={onOpenEntity} />;
}

async function mount(onPage: OnThisPage = { status: 'unavailable' }) {
  await act(() => render(<Harness onPage={onPage} />, root));
}

const input = () => root.querySelector<HTMLInputElement>('#search')!;
const options = () =>
  [...root.querySelectorAll<HTMLElement>('[role="option"]')].map((o) => ({
    id: o.id,
    group: root.ownerDocument.getElementById(o.closest('[role="group"]')!.getAttribute('aria-labelledby')!)!.textContent,
    title: o.querySelector('.title')?.textContent ?? null,
    selected: o.getAttribute('aria-selected') === 'true',
  }));

async function type(value: string) {
  await act(() => {
    input().value = value;
    input().dispatchEvent(new win.Event('input', { bubbles: true }) as unknown as Event);
  });
}

/** Presses `key` in the search box; returns whether the page kept the key for itself. */
async function press(key: string): Promise<boolean> {
  const event = new win.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }) as unknown as KeyboardEvent;
  await act(() => void input().dispatchEvent(event));
  return event.defaultPrevented;
}

beforeEach(() => {
  win = new Window();
  // Preact and the component reach for the globals a page has.
  Object.assign(globalThis, { window: win, document: win.document });
  root = win.document.createElement('main') as unknown as HTMLElement;
  win.document.body.append(root as never);
  onOpenEntity.mockReset();
});
afterEach(async () => {
  await act(() => render(null, root));
  await win.happyDOM.close();
  Object.assign(globalThis, { window: undefined, document: undefined });
});

describe('SearchView', () => {
  it('is a combobox that takes focus, controlling a listbox only while it has options', async () => {
    await mount();
    expect(win.document.activeElement).toBe(input() as never);
    expect(input().getAttribute('role')).toBe('combobox');
    expect(input().getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector(`#${input().getAttribute('aria-controls')}`)?.getAttribute('role')).toBe('listbox');
    await type('xylophone');
    expect(input().getAttribute('aria-expanded')).toBe('false');
    expect(input().hasAttribute('aria-controls')).toBe(false);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Nothing in the corpus matches “xylophone”.');
  });

  it('shows what is on the page first, then the people and topics covered, with the counts', async () => {
    await mount({ status: 'ready', tabId: 7, mentions: [{ entityId: 'volodymyr-zelensky', count: 2, text: 'Zelensky' }] });
    expect(options().map((o) => [o.group, o.title])).toEqual([
      ['On this page', 'Volodymyr Zelensky'],
      ['People', 'Marco Rubio'],
      ['People', 'Volodymyr Zelensky'],
      ['Topics', 'Kremlin'],
    ]);
    expect(root.querySelector('.summary')?.textContent).toBe('2 people · 1 topics · 1 quotes · 1 articles');
    // Nothing is active before a query, so Enter does nothing by accident.
    expect(options().some((o) => o.selected)).toBe(false);
    expect(await press('Enter')).toBe(false);
  });

  it('says when the page cannot be read, when Backstory is paused, or when the page names nothing covered', async () => {
    await mount({ status: 'unavailable' });
    expect(root.textContent).toContain('Backstory cannot read this page');
    await act(() => render(null, root));
    await mount({ status: 'paused' });
    expect(root.textContent).toContain('Backstory is paused');
    await act(() => render(null, root));
    await mount({ status: 'ready', tabId: 7, mentions: [] });
    expect(root.textContent).toContain('Nothing the corpus covers is mentioned on this page.');
  });

  it('says when the page’s site is turned off, and turns it back on from a button', async () => {
    await mount({ status: 'site-off', hostname: 'news.example' });
    expect(root.textContent).toContain('Backstory is off on news.example: it runs nothing on its pages.');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Turn back on')!;
    await act(() => button.click());
    expect(stored.changed).toEqual([expect.objectContaining({ disabledSites: ['other.example'] })]);
  });

  it('groups results, makes the first active, and moves with the arrow keys within bounds', async () => {
    await mount();
    await type('rubio');
    expect(options().map((o) => o.group)).toEqual(['People', 'Quotes', 'Articles']);
    const ids = options().map((o) => o.id);
    const active = () => input().getAttribute('aria-activedescendant');
    expect(active()).toBe(ids[0]);
    expect(await press('ArrowDown')).toBe(true);
    expect(active()).toBe(ids[1]);
    await press('ArrowDown');
    await press('ArrowDown');
    expect(active()).toBe(ids[2]);
    await press('ArrowUp');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(active()).toBe(ids[0]);
    expect(options().map((o) => o.selected)).toEqual([true, false, false]);
  });

  it('keeps an arrow key pressed straight after typing, before the browser paints', async () => {
    await mount();
    // As a quick typist, or a browser slow to paint: the results render, the key comes, and
    // only then do effects scheduled for after the paint run.
    input().value = 'rubio';
    input().dispatchEvent(new win.Event('input', { bubbles: true }) as unknown as Event);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const ids = options().map((o) => o.id);
    expect(input().getAttribute('aria-activedescendant')).toBe(ids[0]);
    input().dispatchEvent(new win.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }) as unknown as Event);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await act(() => undefined);
    expect(input().getAttribute('aria-activedescendant')).toBe(ids[1]);
  });

  it('opens the active entity on Enter', async () => {
    await mount();
    await type('зеленськ');
    expect(await press('Enter')).toBe(true);
    expect(onOpenEntity).toHaveBeenCalledWith('volodymyr-zelensky');
  });

  it('clears the query on Esc, and leaves Esc to the browser once it is empty', async () => {
    await mount();
    await type('kreml');
    expect(await press('Escape')).toBe(true);
    expect(input().value).toBe('');
    expect(options()[0]?.group).toBe('People');
    expect(await press('Escape')).toBe(false);
  });

  it('renders corpus text as text, never as markup', async () => {
    await mount();
    await type('move on');
    const quote = root.querySelector('.quote')!;
    expect(quote.textContent).toBe('“we will move on”');
    expect([...quote.querySelectorAll('*')].every((e) => e.tagName === 'MARK')).toBe(true);
  });
});
