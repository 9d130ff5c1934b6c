/**
 * A re-scan costs what changed, not what is there: a paragraph added to a long feed is walked
 * alone, a change of text walks its own block, a removal walks nothing but the inline text it
 * leaves behind. Each test counts the text nodes the scanner's walks reach (through the
 * document's TreeWalkers) and the texts handed to the matcher, and checks the marks are right.
 */
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '../../src/content/find-mentions';
import { pageOrder } from '../../src/content/marks';
import { Scanner } from '../../src/content/scanner';
import { compileMatcher, type Matcher, type MatcherEntity } from '../../src/core/match/matcher';
import cases from '../core/match/matcher-cases.json';

const matcher = compileMatcher(cases.entities as MatcherEntity[]);
const DEBOUNCE = 100;

async function setup(html: string, prepare?: (doc: Document) => void) {
  const doc = new Window().document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup, not page or corpus text
  prepare?.(doc);
  /** Every text node a TreeWalker of the document stepped onto since the last reset. */
  const visited: Text[] = [];
  const createTreeWalker = doc.createTreeWalker.bind(doc);
  doc.createTreeWalker = ((root: Node, whatToShow?: number) => {
    const walker = createTreeWalker(root, whatToShow);
    // Where a walk is placed counts as reached, like every step it takes.
    const place = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(walker), 'currentNode')!;
    Object.defineProperty(walker, 'currentNode', {
      get: () => place.get!.call(walker),
      set: (n: Node) => {
        if (n.nodeType === 3) visited.push(n as Text);
        place.set!.call(walker, n);
      },
    });
    for (const step of ['nextNode', 'nextSibling', 'parentNode', 'firstChild'] as const) {
      const move = walker[step].bind(walker);
      walker[step] = () => {
        const n = move();
        if (n?.nodeType === 3) visited.push(n as Text);
        return n;
      };
    }
    return walker;
  }) as typeof doc.createTreeWalker;
  const searched: string[] = [];
  const added: Mention[] = [];
  const removed: Mention[] = [];
  const spy: Matcher = { findAll: (text, w) => (searched.push(text), matcher.findAll(text, w)) };
  const scanner = new Scanner({
    doc,
    matcher: spy,
    ownHost: () => null,
    onAdd: (m) => added.push(m),
    onRemove: (m) => removed.push(m),
    signal: new AbortController().signal,
    debounceMs: DEBOUNCE,
    yieldToPage: () => Promise.resolve(),
  });
  await scanner.start();
  return {
    doc,
    scanner,
    added,
    removed,
    /** Lets the page change, waits for the re-scan, and says what it walked and searched. */
    async change(fn: () => void) {
      visited.length = 0;
      searched.length = 0;
      added.length = 0;
      removed.length = 0;
      fn();
      await vi.advanceTimersByTimeAsync(DEBOUNCE + 1);
      await scanner.settled();
      // Each text node once, though a re-scan reads a part twice (what it held, what it holds).
      return { walked: [...new Set(visited)].map((t) => t.data).filter((t) => t.trim()), searched: [...searched] };
    },
    painted: () => [...scanner.mentions].sort(pageOrder).map((m) => m.range.toString()),
  };
}

/** A feed of `n` stories, one paragraph each, with white space between them as HTML has. */
const feed = (n: number) =>
  `<main><div id="feed">\n${Array.from({ length: n }, (_, i) => `  <p>Story ${i}: Rubio spoke.</p>\n`).join('')}</div></main>`;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a re-scan walks only what changed', () => {
  it('scans a paragraph appended to a long feed alone, however long the feed', async () => {
    for (const length of [10, 300]) {
      const s = await setup(feed(length));
      expect(s.scanner.mentions.size).toBe(length);
      const { walked, searched } = await s.change(() => {
        const p = s.doc.createElement('p');
        p.innerHTML = 'Breaking: Zelensky met <b>Putin</b>.'; // test fixture markup
        s.doc.getElementById('feed')!.append(p);
      });
      expect(walked).toEqual(['Breaking: Zelensky met ', 'Putin', '.']);
      expect(searched).toEqual(['Breaking: Zelensky met Putin.']);
      expect(s.added.map((m) => m.range.toString())).toEqual(['Zelensky', 'Putin']);
      expect(s.removed).toEqual([]);
    }
  });

  it('scans each of many paragraphs added in one go, and nothing else', async () => {
    const s = await setup(feed(200));
    const { searched } = await s.change(() => {
      const feedEl = s.doc.getElementById('feed')!;
      for (let i = 0; i < 3; i++) {
        const p = s.doc.createElement('p');
        p.textContent = `New ${i}: Lavrov`;
        feedEl.insertBefore(p, feedEl.children[50 * i]!);
      }
    });
    expect(searched.sort()).toEqual(['New 0: Lavrov', 'New 1: Lavrov', 'New 2: Lavrov']);
  });

  it('walks only the block of a text that changes', async () => {
    const s = await setup(feed(200));
    const { walked, searched } = await s.change(() => {
      (s.doc.querySelectorAll('#feed p')[120]!.firstChild as Text).data = 'Story 120: Zelensky spoke.';
    });
    expect(walked).toEqual(['Story 120: Zelensky spoke.']);
    expect(searched).toEqual(['Story 120: Zelensky spoke.']);
    expect(s.removed).toHaveLength(1); // Rubio's, whose live range now spans other letters
    expect(s.added.map((m) => m.range.toString())).toEqual(['Zelensky']);
  });

  it('walks only the paragraph that text is added to, not the feed around it', async () => {
    const s = await setup(feed(200));
    const { searched } = await s.change(() => {
      const b = s.doc.createElement('b');
      b.textContent = ' And Putin.';
      s.doc.querySelectorAll('#feed p')[7]!.append(b);
    });
    expect(searched).toEqual(['Story 7: Rubio spoke. And Putin.']);
    expect(s.removed).toEqual([]); // Rubio found again and kept
  });

  it('drops only the mentions of a removed paragraph, walking none of the rest', async () => {
    const s = await setup(feed(200));
    const gone = s.doc.querySelectorAll('#feed p')[99]!;
    const { walked, searched } = await s.change(() => gone.remove());
    expect(walked).toEqual(['Story 99: Rubio spoke.']); // its own text, to drop its mention
    expect(searched).toEqual([]);
    expect(s.removed.map((m) => m.nodes[0]!.data)).toEqual(['Story 99: Rubio spoke.']);
    expect(s.scanner.mentions.size).toBe(199);
  });

  it('walks a story hidden or shown, not its neighbours', async () => {
    const s = await setup(feed(200));
    const story = s.doc.querySelectorAll('#feed p')[30]!;
    expect((await s.change(() => story.setAttribute('hidden', ''))).searched).toEqual([]);
    expect(s.removed).toHaveLength(1);
    expect((await s.change(() => story.removeAttribute('hidden'))).searched).toEqual(['Story 30: Rubio spoke.']);
    expect(s.scanner.mentions.size).toBe(200);
  });

  it('scans only the new story of a feed inside a shadow root', async () => {
    let root!: ShadowRoot;
    const s = await setup('<x-feed></x-feed>', (doc) => {
      root = doc.querySelector('x-feed')!.attachShadow({ mode: 'open' });
      root.innerHTML = feed(100); // test fixture markup
    });
    expect(s.scanner.mentions.size).toBe(100);
    const { searched } = await s.change(() => {
      const p = s.doc.createElement('p');
      p.textContent = 'Peskov replied.';
      root.getElementById('feed')!.append(p);
    });
    expect(searched).toEqual(['Peskov replied.']);
  });
});

describe('a re-scan of part of a block stays right', () => {
  it('splits a run where a block is inserted into it', async () => {
    const s = await setup('<div id="d">Talks: Marco <b>Rubio</b> and <i>Putin</i><p>Other news</p><p>More</p></div>');
    expect(s.painted()).toEqual(['Marco Rubio', 'Putin']);
    const { searched } = await s.change(() => {
      s.doc.getElementById('d')!.insertBefore(s.doc.createElement('p'), s.doc.querySelector('b'));
    });
    expect(s.painted()).toEqual(['Rubio', 'Putin']);
    // The inline text on both sides of the new block, not the paragraphs after them.
    expect(searched.sort()).toEqual(['Rubio and Putin', 'Talks: Marco ']);
  });

  it('joins the runs on either side of a removed block', async () => {
    const s = await setup('<div id="d"><p>Before</p>Marco <p id="x">x</p><b>Rubio</b><p>After, Lavrov</p></div>');
    expect(s.painted()).toEqual(['Rubio', 'Lavrov']);
    const { searched } = await s.change(() => s.doc.getElementById('x')!.remove());
    expect(s.painted()).toEqual(['Marco Rubio', 'Lavrov']);
    expect(searched).toEqual(['Marco Rubio']);
  });

  it('joins text across an inline element removed between two runs’ parts', async () => {
    const s = await setup('<p>Marco <span id="x">de </span>Rubio</p>');
    expect(s.painted()).toEqual(['Rubio']);
    await s.change(() => s.doc.getElementById('x')!.remove());
    expect(s.painted()).toEqual(['Marco Rubio']);
  });

  it('splits a run where an inline element becomes editable', async () => {
    const s = await setup('<div><p>Before</p>Marco <span id="x">Rubio</span> and Putin<p>After</p></div>');
    expect(s.painted()).toEqual(['Marco Rubio', 'Putin']);
    const { searched } = await s.change(() => s.doc.getElementById('x')!.setAttribute('contenteditable', ''));
    expect(s.painted()).toEqual(['Putin']);
    expect(searched.sort()).toEqual([' and Putin', 'Marco ']);
  });
});

describe('The first scan of the blocks the sieve pointed at', () => {
  it('reads the ancestors the blocks share once, not once per block', async () => {
    const depth = 30;
    const blocks = 20;
    const doc = new Window().document as unknown as Document;
    // test fixture markup, not page or corpus text
    doc.body.innerHTML = `${'<div>'.repeat(depth)}${'<p>Text</p>'.repeat(blocks)}${'</div>'.repeat(depth)}`;
    const scope = [...doc.querySelectorAll('p')].map((p) => p.firstChild as Text);
    let proto: object | null = doc.body;
    while (proto && !Object.hasOwn(proto, 'parentNode')) proto = Object.getPrototypeOf(proto);
    const reads = vi.spyOn(proto as Node, 'parentNode', 'get');
    const scanner = new Scanner({
      doc,
      matcher,
      ownHost: () => null,
      onAdd: () => undefined,
      onRemove: () => undefined,
      signal: new AbortController().signal,
      yieldToPage: () => Promise.resolve(),
    });
    await scanner.start(scope);
    const count = reads.mock.calls.length;
    reads.mockRestore();
    // Climbing from every block to the top would take blocks × depth reads (924 before);
    // each shared ancestor read a few times, and each block's own few, is 245.
    expect(count).toBeLessThan(blocks * depth);
  });
});
