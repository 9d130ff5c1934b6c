/**
 * Text inside open shadow roots: collected as runs of its own, watched for changes, ordered where
 * its host stands, hit-tested through the roots that hold mentions and styled inside each root.
 * Closed roots, the extension's card among them, stay out of reach.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectTextRuns, isExcluded } from '../../src/content/collect-text';
import { findMentions, type Mention } from '../../src/content/find-mentions';
import { shadowStyler } from '../../src/content/highlights';
import { MentionIndex } from '../../src/content/hit-test';
import { pageOrder } from '../../src/content/marks';
import { Scanner } from '../../src/content/scanner';
import { compileMatcher, type MatcherEntity } from '../../src/core/match/matcher';
import cases from '../core/match/matcher-cases.json';

const matcher = compileMatcher(cases.entities as MatcherEntity[]);
const DEBOUNCE = 100;

function page(html = ''): { win: Window; doc: Document } {
  const win = new Window();
  const doc = win.document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup, not page or corpus text
  return { win, doc };
}

/** Gives the element `selector` an open (or closed) shadow root holding `html`. */
function attach(scope: Document | ShadowRoot, selector: string, html: string, mode: ShadowRootMode = 'open'): ShadowRoot {
  const root = scope.querySelector(selector)!.attachShadow({ mode });
  root.innerHTML = html; // test fixture markup
  return root;
}

describe('collecting text in shadow trees', () => {
  it('collects open shadow roots, nested ones too, as runs of their own', () => {
    const { doc } = page('<p>Before</p><x-card>light Rubio</x-card><p>After</p>');
    const outer = attach(doc, 'x-card', '<p>Zelensky met <b>Putin</b></p><x-quote></x-quote><slot></slot>');
    attach(outer, 'x-quote', '<span>Marco Rubio</span>');
    expect(collectTextRuns(doc.body).map((r) => r.text)).toEqual(['Before', 'Zelensky met Putin', 'Marco Rubio', 'light Rubio', 'After']);
  });

  it('never joins shadow text with the text around its host', () => {
    const { doc } = page('<p>Marco <span id="h"></span></p>');
    attach(doc, '#h', 'Rubio');
    expect(collectTextRuns(doc.body).map((r) => r.text)).toEqual(['Marco ', 'Rubio']);
  });

  it('leaves closed shadow roots alone', () => {
    const { doc } = page('<x-closed></x-closed>');
    attach(doc, 'x-closed', '<p>Zelensky</p>', 'closed');
    expect(collectTextRuns(doc.body)).toEqual([]);
  });

  it('skips a shadow tree whose host is skipped, and knows its text is excluded', () => {
    const { doc } = page('<div contenteditable><x-a></x-a></div><x-b hidden></x-b><x-c></x-c>');
    const a = attach(doc, 'x-a', '<p>Zelensky</p>');
    attach(doc, 'x-b', '<p>Putin</p>');
    const c = attach(doc, 'x-c', '<p>Rubio</p>');
    expect(collectTextRuns(doc.body).map((r) => r.text)).toEqual(['Rubio']);
    expect(isExcluded(a.querySelector('p')!.firstChild!)).toBe(true);
    expect(isExcluded(c.querySelector('p')!.firstChild!)).toBe(false);
    // A shadow root walked on its own still answers for its host's ancestors.
    expect(collectTextRuns(a)).toEqual([]);
  });

  it('tells of each open root it enters and each custom element met before its definition', () => {
    const { doc } = page('<x-open></x-open><x-later></x-later><div id="d"></div>');
    const open = attach(doc, 'x-open', '<p>Putin</p>');
    const div = attach(doc, '#d', 'Rubio');
    const roots: ShadowRoot[] = [];
    const undefinedOnes: string[] = [];
    collectTextRuns(doc.body, { onShadowRoot: (r) => roots.push(r), onUndefinedElement: (e) => undefinedOnes.push(e.localName) });
    expect(roots).toEqual([open, div]);
    expect(undefinedOnes).toEqual(['x-later']);
  });
});

describe('pageOrder', () => {
  it('orders mentions in shadow trees where their hosts stand', () => {
    const { doc } = page('<p>Rubio</p><x-a></x-a><p>Zelensky</p>');
    const a = attach(doc, 'x-a', '<p>Putin</p><x-b></x-b>');
    attach(a, 'x-b', '<p>Lavrov</p>');
    const mentions = findMentions(collectTextRuns(doc.body), matcher, doc);
    const texts = (list: Mention[]) => list.map((m) => m.range.toString());
    expect(texts(mentions)).toEqual(['Rubio', 'Putin', 'Lavrov', 'Zelensky']);
    expect(texts([...mentions].reverse().sort(pageOrder))).toEqual(['Rubio', 'Putin', 'Lavrov', 'Zelensky']);
  });
});

describe('MentionIndex', () => {
  it('keeps the shadow roots that hold mentions, for hit-testing through them', () => {
    const { doc } = page('<p>Rubio</p><x-a></x-a>');
    const root = attach(doc, 'x-a', '<p>Putin and Zelensky</p>');
    const [light, putin, zelensky] = findMentions(collectTextRuns(doc.body), matcher, doc);
    const index = new MentionIndex();
    index.add(light!);
    expect(index.shadowRoots).toEqual([]);
    index.add(putin!);
    index.add(zelensky!);
    expect(index.shadowRoots).toEqual([root]);
    index.delete(putin!);
    expect(index.shadowRoots).toEqual([root]);
    // The host leaves the page; its mention is deleted all the same.
    doc.querySelector('x-a')!.remove();
    index.delete(zelensky!);
    expect(index.shadowRoots).toEqual([]);
  });
});

describe('shadowStyler', () => {
  it('adds one shared highlight sheet to each shadow root, after the page’s own, once', () => {
    const { win, doc } = page('<x-a></x-a><x-b></x-b>');
    const a = attach(doc, 'x-a', '<p>Putin</p>');
    const b = attach(doc, 'x-b', '<p>Rubio</p>');
    const own = new win.CSSStyleSheet() as unknown as CSSStyleSheet;
    a.adoptedStyleSheets = [own];
    const style = shadowStyler(win as unknown as Parameters<typeof shadowStyler>[0]);
    style(a.querySelector('p')!.firstChild!);
    style(a.querySelector('p')!.firstChild!);
    style(b.querySelector('p')!.firstChild!);
    style(doc.body);
    expect(a.adoptedStyleSheets).toHaveLength(2);
    expect(a.adoptedStyleSheets[0]).toBe(own);
    expect(b.adoptedStyleSheets).toEqual([a.adoptedStyleSheets[1]]);
    expect(doc.adoptedStyleSheets).toEqual([]);
    expect(a.childNodes).toHaveLength(1); // no <style> added
    // The page replaces its sheets: the next mention painted there brings the style back.
    a.adoptedStyleSheets = [own];
    style(a.querySelector('p')!.firstChild!);
    expect(a.adoptedStyleSheets).toHaveLength(2);
  });
});

describe('Scanner in shadow trees', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function start(win: Window, doc: Document, host = '') {
    const scanner = new Scanner({
      doc,
      matcher,
      ownHost: () => (host ? doc.querySelector(host) : null),
      onAdd: () => {},
      onRemove: () => {},
      signal: new AbortController().signal,
      debounceMs: DEBOUNCE,
      yieldToPage: () => Promise.resolve(),
    });
    await scanner.start();
    const settle = async () => {
      await vi.advanceTimersByTimeAsync(DEBOUNCE + 1);
      await scanner.settled();
    };
    const painted = () => [...scanner.mentions].sort(pageOrder).map((m) => m.range.toString());
    return { scanner, settle, painted, win };
  }

  it('marks open shadow trees at start, never closed ones or its own card', async () => {
    const { win, doc } = page('<x-news></x-news><x-closed></x-closed>');
    const root = attach(doc, 'x-news', '<p>Zelensky met Putin</p><x-inner></x-inner>');
    attach(root, 'x-inner', '<p>Marco Rubio</p>');
    attach(doc, 'x-closed', '<p>Lavrov</p>', 'closed');
    const card = doc.createElement('backstory-card');
    card.attachShadow({ mode: 'closed' }).innerHTML = '<p>Peskov</p>'; // test fixture markup
    doc.documentElement.append(card);
    const s = await start(win, doc, 'backstory-card');
    expect(s.painted()).toEqual(['Zelensky', 'Putin', 'Marco Rubio']);
  });

  it('follows changes inside shadow roots, nested ones included', async () => {
    const { win, doc } = page('<x-news></x-news>');
    const root = attach(doc, 'x-news', '<p id="p">nothing</p><x-inner></x-inner>');
    const inner = attach(root, 'x-inner', '<p>nobody</p>');
    const s = await start(win, doc);
    expect(s.painted()).toEqual([]);
    root.getElementById('p')!.textContent = 'Zelensky met Putin';
    await s.settle();
    expect(s.painted()).toEqual(['Zelensky', 'Putin']);
    (inner.querySelector('p')!.firstChild as Text).data = 'Marco Rubio';
    await s.settle();
    expect(s.painted()).toEqual(['Zelensky', 'Putin', 'Marco Rubio']);
    root.getElementById('p')!.remove();
    await s.settle();
    expect(s.painted()).toEqual(['Marco Rubio']);
  });

  it('marks shadow trees attached after load, and drops them with their host', async () => {
    const { win, doc } = page('<p>Rubio</p>');
    const s = await start(win, doc);
    const host = doc.createElement('x-late');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Zelensky met Putin</p>'; // test fixture markup
    doc.body.append(host);
    await s.settle();
    expect(s.painted()).toEqual(['Rubio', 'Zelensky', 'Putin']);
    // Now watched: a later change inside it is seen.
    host.shadowRoot!.append(doc.createTextNode(' and Lavrov'));
    await s.settle();
    expect(s.painted()).toEqual(['Rubio', 'Zelensky', 'Putin', 'Lavrov']);
    host.remove();
    await s.settle();
    expect(s.painted()).toEqual(['Rubio']);
  });

  it('finds the shadow tree of a custom element upgraded after load, which no mutation reports', async () => {
    const { win, doc } = page('<x-upgraded></x-upgraded>');
    const s = await start(win, doc);
    expect(s.painted()).toEqual([]);
    win.customElements.define(
      'x-upgraded',
      class extends win.HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>Zelensky met Putin</p>'; // test fixture markup
        }
      },
    );
    expect(doc.querySelector('x-upgraded')!.shadowRoot).not.toBeNull();
    await vi.advanceTimersByTimeAsync(600);
    await s.scanner.settled();
    expect(s.painted()).toEqual(['Zelensky', 'Putin']);
  });
});
