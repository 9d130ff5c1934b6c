import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '../../src/content/find-mentions';
import { Scanner } from '../../src/content/scanner';
import { compileMatcher, type Matcher, type MatcherEntity } from '../../src/core/match/matcher';
import cases from '../core/match/matcher-cases.json';

const matcher = compileMatcher(cases.entities as MatcherEntity[]);
const DEBOUNCE = 100;

interface Setup {
  doc: Document;
  scanner: Scanner;
  added: Mention[];
  removed: Mention[];
  /** The texts the matcher was asked to search. */
  searched: string[];
  controller: AbortController;
  /** Lets mutations be noticed, waits out the debounce and the re-scan. */
  settle: () => Promise<void>;
  painted: () => string[];
}

async function setup(html: string, options: { matcher?: Matcher; host?: string } = {}): Promise<Setup> {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup, not page or corpus text
  const added: Mention[] = [];
  const removed: Mention[] = [];
  const searched: string[] = [];
  const inner = options.matcher ?? matcher;
  const spy: Matcher = { findAll: (text, w) => (searched.push(text), inner.findAll(text, w)) };
  const controller = new AbortController();
  const scanner = new Scanner({
    doc,
    matcher: spy,
    ownHost: () => (options.host ? doc.querySelector(options.host) : null),
    onAdd: (m) => added.push(m),
    onRemove: (m) => removed.push(m),
    signal: controller.signal,
    debounceMs: DEBOUNCE,
    yieldToPage: () => Promise.resolve(),
  });
  await scanner.start();
  const settle = async () => {
    await vi.advanceTimersByTimeAsync(DEBOUNCE + 1);
    await scanner.settled();
  };
  const painted = () => [...scanner.mentions].map((m) => m.range.toString());
  return { doc, scanner, added, removed, searched, controller, settle, painted };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Scanner', () => {
  it('scans the body at start', async () => {
    const s = await setup('<p>Marco <b>Rubio</b> met Zelensky.</p><textarea>Putin</textarea>');
    expect(s.painted()).toEqual(['Marco Rubio', 'Zelensky']);
    expect(s.added).toHaveLength(2);
  });

  it('marks content added after load, split markup included', async () => {
    const s = await setup('<p>nothing yet</p>');
    const p = s.doc.createElement('p');
    p.innerHTML = 'Volodymyr <a href="#">Zelensky</a> and Ru<span>bio</span>';
    s.doc.body.append(p);
    await s.settle();
    expect(s.painted()).toEqual(['Volodymyr Zelensky', 'Rubio']);
  });

  it('drops the mentions of removed nodes', async () => {
    const s = await setup('<p id="a">Marco Rubio</p><p>Zelensky</p>');
    const [rubio] = s.added;
    s.doc.getElementById('a')!.remove();
    await s.settle();
    expect(s.removed).toEqual([rubio]);
    expect(s.painted()).toEqual(['Zelensky']);
  });

  it('follows text that changes in place', async () => {
    const s = await setup('<p>Marco Rubi</p>');
    expect(s.painted()).toEqual([]);
    (s.doc.querySelector('p')!.firstChild as Text).data = 'Marco Rubio';
    await s.settle();
    expect(s.painted()).toEqual(['Marco Rubio']);
    (s.doc.querySelector('p')!.firstChild as Text).data = 'Marco';
    await s.settle();
    expect(s.painted()).toEqual([]);
  });

  it('re-scans only the blocks that changed', async () => {
    const paragraphs = Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i} on Rubio.</p>`).join('');
    const s = await setup(`<article>${paragraphs}</article>`);
    s.searched.length = 0;
    s.doc.querySelectorAll('p')[20]!.append(' And Zelensky.');
    await s.settle();
    expect(s.searched).toEqual(['Paragraph 20 on Rubio. And Zelensky.']);
  });

  it('keeps a mention found again, without removing and re-adding it', async () => {
    const s = await setup('<p>Rubio said <span>one thing</span>.</p>');
    s.doc.querySelector('span')!.textContent = 'another thing, with Zelensky';
    await s.settle();
    expect(s.removed).toEqual([]);
    expect(s.added.map((m) => m.range.toString())).toEqual(['Rubio', 'Zelensky']);
  });

  it('follows elements being hidden and shown', async () => {
    const s = await setup('<div><p>Marco Rubio</p></div>');
    const p = s.doc.querySelector('p')!;
    p.setAttribute('hidden', '');
    await s.settle();
    expect(s.painted()).toEqual([]);
    p.removeAttribute('hidden');
    await s.settle();
    expect(s.painted()).toEqual(['Marco Rubio']);
    p.setAttribute('style', 'display: none');
    await s.settle();
    expect(s.painted()).toEqual([]);
  });

  it('follows regions becoming editable', async () => {
    const s = await setup('<div><p>Marco Rubio</p></div>');
    s.doc.querySelector('div')!.setAttribute('contenteditable', 'true');
    await s.settle();
    expect(s.painted()).toEqual([]);
  });

  it('ignores style changes that do not show or hide', async () => {
    const s = await setup('<p>Marco Rubio</p>');
    s.searched.length = 0;
    s.doc.querySelector('p')!.setAttribute('style', 'color: red');
    await s.settle();
    expect(s.searched).toEqual([]);
  });

  it('never scans its own UI, nor re-scans for changes to it', async () => {
    const s = await setup('<p>Rubio</p>', { host: 'backstory-card' });
    s.searched.length = 0;
    const host = s.doc.createElement('backstory-card');
    host.textContent = 'Zelensky';
    s.doc.documentElement.append(host);
    await s.settle();
    host.textContent = 'Putin';
    await s.settle();
    expect(s.searched).toEqual([]);
    expect(s.painted()).toEqual(['Rubio']);
  });

  it('re-scans a page that never stops changing within the longest wait', async () => {
    const s = await setup('<p id="ticker">0</p><p id="news"></p>');
    s.doc.getElementById('news')!.textContent = 'Marco Rubio';
    const ticker = s.doc.getElementById('ticker')!;
    // A change every 50 ms keeps the debounce from ever running out.
    for (let t = 0; t < 1200; t += 50) {
      ticker.textContent = `${t}`;
      await vi.advanceTimersByTimeAsync(50);
    }
    await s.scanner.settled();
    expect(s.painted()).toEqual(['Marco Rubio']);
  });

  it('stops when its signal aborts', async () => {
    const s = await setup('<p>Rubio</p>');
    s.controller.abort();
    s.doc.body.append(s.doc.createElement('p'));
    s.doc.body.lastElementChild!.textContent = 'Zelensky';
    await s.settle();
    expect(s.painted()).toEqual(['Rubio']);
  });

  it('ends up right when the page removes what the walk had reached', async () => {
    const html = Array.from({ length: 400 }, (_, i) => `<p>${i} Rubio</p>`).join('');
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.body.innerHTML = html; // test fixture markup
    let clock = 0;
    let yields = 0;
    const scanner = new Scanner({
      doc,
      matcher,
      ownHost: () => null,
      onAdd: () => {},
      onRemove: () => {},
      signal: new AbortController().signal,
      debounceMs: DEBOUNCE,
      sliceMs: 1,
      now: () => (clock += 1),
      yieldToPage: async () => {
        // At the first pause, the page takes away the first 300 paragraphs.
        if (yields++ === 0) for (const p of [...doc.querySelectorAll('p')].slice(0, 300)) p.remove();
      },
    });
    await scanner.start();
    await vi.advanceTimersByTimeAsync(DEBOUNCE + 1);
    await scanner.settled();
    await vi.advanceTimersByTimeAsync(DEBOUNCE + 1);
    await scanner.settled();
    const texts = [...scanner.mentions].map((m) => m.nodes[0]!.data).sort();
    expect(texts).toEqual(Array.from({ length: 100 }, (_, i) => `${300 + i} Rubio`).sort());
  });
});

describe('Scanner time slices', () => {
  /** A matcher that takes `cost` ms of the fake clock per call, and a scanner that records its pauses. */
  async function timed(html: string, cost: number, sliceMs: number) {
    const doc = new Window().document as unknown as Document;
    doc.body.innerHTML = html; // test fixture markup
    let clock = 0;
    const pauses: number[] = [];
    const slow: Matcher = {
      findAll: (text, w) => {
        clock += cost;
        return matcher.findAll(text, w);
      },
    };
    const scanner = new Scanner({
      doc,
      matcher: slow,
      ownHost: () => null,
      onAdd: () => {},
      onRemove: () => {},
      signal: new AbortController().signal,
      sliceMs,
      now: () => clock,
      yieldToPage: async () => void pauses.push(clock),
    });
    await scanner.start();
    return { pauses: [0, ...pauses, clock], scanner };
  }

  it('yields as soon as a slice has used its time', async () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>${i}: Marco Rubio</p>`).join('');
    const { pauses, scanner } = await timed(html, 3, 8);
    expect(scanner.mentions.size).toBe(300);
    expect(pauses.length).toBeGreaterThan(50);
    // A slice may overrun its budget by one step of work, never more.
    for (let i = 1; i < pauses.length; i++) expect(pauses[i]! - pauses[i - 1]!).toBeLessThanOrEqual(8 + 3);
  });

  it('lets the matcher compile in slices before the first scan', async () => {
    const doc = new Window().document as unknown as Document;
    doc.body.innerHTML = '<p>Marco Rubio</p>'; // test fixture markup
    let clock = 0;
    const steps: string[] = [];
    let left = 5;
    const compiling: Matcher = {
      // Each step of compilation takes 3 ms of the fake clock; five are needed.
      prepare: (timeUp) => {
        while (left > 0 && !timeUp()) {
          clock += 3;
          left--;
          steps.push('compile');
        }
        return left === 0;
      },
      findAll: (text, w) => (steps.push('find'), matcher.findAll(text, w)),
    };
    const scanner = new Scanner({
      doc,
      matcher: compiling,
      ownHost: () => null,
      onAdd: () => {},
      onRemove: () => {},
      signal: new AbortController().signal,
      sliceMs: 4,
      now: () => clock,
      yieldToPage: async () => void steps.push('yield'),
    });
    await scanner.start();
    expect(steps).toEqual(['compile', 'compile', 'yield', 'compile', 'compile', 'yield', 'compile', 'find']);
    expect(scanner.mentions.size).toBe(1);
  });

  it('matches one very long run window by window, yielding between windows', async () => {
    const html = `<pre>${'Marco Rubio met Zelensky. '.repeat(20_000)}</pre>`;
    const { pauses, scanner } = await timed(html, 5, 4);
    expect(scanner.mentions.size).toBe(40_000);
    expect(pauses.length).toBeGreaterThan(20);
    for (let i = 1; i < pauses.length; i++) expect(pauses[i]! - pauses[i - 1]!).toBeLessThanOrEqual(4 + 5);
  });
});
