/**
 * The real-pages run's comparisons (test/pages/compare.mjs): what counts as a change made by
 * the extension, what is put down to a page that loads differently every time, and what
 * cannot be told. The run itself needs the saved pages and two browsers; these need neither.
 */
import { describe, expect, it } from 'vitest';
import { compareDom, compareLayout, compareLists, withoutHost, withoutLongNumbers, worst, type Snapshot } from './compare.mjs';

/** A snapshot of `nodes`, each with a 10×10 box at (0, i·10) unless `boxes` says otherwise. */
function snap(nodes: string[], boxes?: number[], extent = [0, 0, 1200, 800]): Snapshot {
  return {
    nodes,
    boxAt: nodes.map((_, i) => i),
    boxes: boxes ?? nodes.flatMap((_, i) => [0, i * 10, 10, 10]),
    sheets: [1, 0],
    extent,
    globals: [],
  };
}

const page = ['0 <html> a', '1 <body> b', '2 <p> c', '3 #text 5 d "Hello"'];

describe('compareLists', () => {
  it('finds nothing new when the extension adds nothing', () => {
    expect(compareLists(['GET /a', 'GET /b'], ['GET /b', 'GET /a'])).toEqual({ status: 'same' });
  });

  it('reports a request only the visit with the extension made', () => {
    const found = compareLists(['GET /a', 'GET https://tracker.example/x'], ['GET /a']);
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('tracker.example');
  });

  it('ignores how often the page repeats what it does anyway', () => {
    expect(compareLists(['GET /a', 'GET /a', 'GET /a'], ['GET /a']).status).toBe('same');
  });

  it('masks long numbers such as cache-busters', () => {
    expect(withoutLongNumbers('GET /x.js?_=1712345678901')).toBe('GET /x.js?_=#');
    expect(compareLists(['GET /x.js?_=1712345678901'], ['GET /x.js?_=1712345679999']).status).toBe('same');
    expect(compareLists(['GET /x.js?v=12'], ['GET /x.js?v=13']).status).toBe('differs');
  });

  it('accepts what either of two baselines did', () => {
    expect(compareLists(['GET /ad-1'], ['GET /ad-2'], ['GET /ad-1']).status).toBe('same');
  });

  it('counts a difference against the extension when both baselines agree', () => {
    expect(compareLists(['GET /a', 'GET /new'], ['GET /a'], ['GET /a']).status).toBe('differs');
  });

  it('cannot tell when the baselines disagree with each other', () => {
    expect(compareLists(['GET /new'], ['GET /ad-1'], ['GET /ad-2']).status).toBe('varies');
  });
});

describe('compareDom', () => {
  it('finds the same DOM the same', () => {
    expect(compareDom(snap(page), snap(page))).toEqual({ status: 'same' });
  });

  it('reports an added element and where the lists part', () => {
    const withExt = snap([...page.slice(0, 3), '3 <mark> e', ...page.slice(3)]);
    const found = compareDom(withExt, snap(page));
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('only with: 3 <mark> e');
    expect(found.detail).toContain('first difference at node 3');
  });

  it('reports a changed attribute, which changes the line of its element', () => {
    const withExt = snap(page.map((l) => (l === '2 <p> c' ? '2 <p> C' : l)));
    expect(compareDom(withExt, snap(page)).status).toBe('differs');
  });

  it('reports an added style sheet', () => {
    const withExt = { ...snap(page), sheets: [2, 0] };
    const found = compareDom(withExt, snap(page));
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('style sheets');
  });

  it('passes the page’s own scripts standing in another order, and nothing else', () => {
    const scripts = ['1 <script> gpt', '1 <script> krux'];
    const found = compareDom(snap([...page, ...scripts]), snap([...page, ...scripts.slice().reverse()]));
    expect(found).toMatchObject({ status: 'same', detail: expect.stringContaining('2 <script>, <iframe>') });
    const paragraphs = ['2 <p> one', '2 <p> two'];
    expect(compareDom(snap([...page, ...paragraphs]), snap([...page, ...paragraphs.slice().reverse()])).status).toBe('differs');
  });

  it('passes helper frames the page appends in another order, with their documents', () => {
    const frame = (name: string) => [`2 <iframe> ${name}`, '3 #document about:blank', '4 <html> z', '5 <body> z'];
    const found = compareDom(snap([...page, ...frame('cmp'), ...frame('usp')]), snap([...page, ...frame('usp'), ...frame('cmp')]));
    expect(found).toMatchObject({ status: 'same', detail: expect.stringContaining('2 <script>, <iframe>') });
  });

  it('still fails a frame that moved into another parent, or whose document changed', () => {
    const frame = (at: number, body = 'z') => [`${at} <iframe> cmp`, `${at + 1} #document about:blank`, `${at + 2} <html> z`, `${at + 3} <body> ${body}`];
    expect(compareDom(snap([...page, ...frame(3)]), snap([...page, ...frame(2)])).status).toBe('differs');
    expect(compareDom(snap([...page, ...frame(2, 'y'), '2 <iframe> usp']), snap([...page, '2 <iframe> usp', ...frame(2)])).status).toBe('differs');
  });

  it('passes a page that changes a node of its own on every load, if the rest match', () => {
    const load = (n: number) => snap([...page, `1 <div#clock> ${n}`]);
    const found = compareDom(load(3), load(1), load(2));
    expect(found.status).toBe('same');
    expect(found.detail).toMatch(/changes 1 of its own nodes/);
  });

  it('still fails a change to a node the page keeps stable', () => {
    const load = (n: number, p = 'c') => snap([...page.map((l) => l.replace('<p> c', `<p> ${p}`)), `1 <div#clock> ${n}`]);
    expect(compareDom(load(3, 'X'), load(1), load(2)).status).toBe('differs');
  });

  it('cannot tell when the page changes its own shape between loads', () => {
    const found = compareDom(snap([...page, '1 <ad> x']), snap(page), snap([...page, '1 <ad> y', '1 <ad> z']));
    expect(found.status).toBe('varies');
  });
});

describe('withoutHost', () => {
  it('takes the card host, and its box, out of a snapshot', () => {
    const withCard = snap([...page, '1 <backstory-card> h']);
    const { snap: rest, hosts } = withoutHost(withCard);
    expect(hosts).toBe(1);
    expect(rest.nodes).toEqual(page);
    expect(rest.boxes).toEqual(snap(page).boxes);
    expect(compareDom(rest, snap(page)).status).toBe('same');
  });

  it('leaves a snapshot with two hosts as it is, for the run to report', () => {
    const twice = snap([...page, '1 <backstory-card> h', '1 <backstory-card> h']);
    expect(withoutHost(twice).hosts).toBe(2);
    expect(compareDom(withoutHost(twice).snap, snap(page)).status).toBe('differs');
  });

  it('does not hide a host placed inside the body', () => {
    const inBody = snap([...page, '2 <backstory-card> h']);
    expect(withoutHost(inBody).hosts).toBe(0);
  });

  it('does not hide light-DOM children of the host', () => {
    const leaked = snap([...page, '1 <backstory-card> h', '2 <div> x']);
    const { snap: rest } = withoutHost(leaked);
    expect(rest.nodes).toEqual(page); // the children go with the host…
    const found = compareDom(snap([...page, '1 <backstory-card> h', '2 <div> x']), snap([...page, '1 <backstory-card> h']));
    expect(found.status).toBe('differs'); // …and compared to a host without children, they show
  });
});

describe('compareLayout', () => {
  it('finds identical boxes the same', () => {
    expect(compareLayout(snap(page), snap(page))).toEqual({ status: 'same' });
  });

  it('reports a moved box, naming its element', () => {
    const boxes = snap(page).boxes.slice();
    boxes[2 * 4 + 3] = 11; // the <p> is 1 px taller
    const found = compareLayout(snap(page, boxes), snap(page));
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('2 <p>');
  });

  it('reports a changed document size or scroll position', () => {
    const found = compareLayout(snap(page, undefined, [0, 0, 1200, 900]), snap(page));
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('document scroll and size');
  });

  it('calls a difference of scroll alone inconclusive, where every box is where the scroll puts it', () => {
    // Scrolled 300 px further down with the extension: boxes in the flow sit 300 px higher in
    // the window; the <p> is fixed in the window and does not move.
    const down = page.flatMap((_, i) => (i === 2 ? [0, 20, 10, 10] : [0, i * 10 - 300, 10, 10]));
    const found = compareLayout(snap(page, down, [0, 300, 1200, 800]), snap(page));
    expect(found.status).toBe('varies');
    expect(found.detail).toContain('scrolled to (0, 300) with the extension and (0, 0) without');
  });

  it('still reports a box that moved besides the scroll, or a document that changed size', () => {
    const down = page.flatMap((_, i) => [0, i * 10 - 300, 10, 10]);
    down[3 * 4 + 1] = 5; // the text sits elsewhere than the scroll puts it
    expect(compareLayout(snap(page, down, [0, 300, 1200, 800]), snap(page)).status).toBe('differs');
    const taller = page.flatMap((_, i) => [0, i * 10 - 300, 10, 10]);
    expect(compareLayout(snap(page, taller, [0, 300, 1200, 900]), snap(page)).status).toBe('differs');
  });

  it('does not compare boxes when the DOM differs', () => {
    expect(compareLayout(snap([...page, '1 <x> y']), snap(page)).status).toBe('varies');
  });

  it('compares the other boxes when a node of the page’s own changed text', () => {
    const clock = (t: string) => [...page, `1 <div#clock> a`, `2 #text 5 ${t} "12:0${t}"`];
    const boxes = snap(clock('1')).boxes.slice();
    expect(compareLayout(snap(clock('3')), snap(clock('1')), snap(clock('2')))).toMatchObject({ status: 'same' });
    boxes[2 * 4] = 5; // the <p> moved right, with the extension only
    const found = compareLayout(snap(clock('3'), boxes), snap(clock('1')), snap(clock('2')));
    expect(found.status).toBe('differs');
    expect(found.detail).toContain('1 whose node changed');
  });

  it('passes a box the page itself moves between loads, if the rest match', () => {
    const moving = (y: number) => {
      const boxes = snap(page).boxes.slice();
      boxes[3 * 4 + 1] = y;
      return snap(page, boxes);
    };
    expect(compareLayout(moving(3), moving(1), moving(2)).status).toBe('same');
  });
});

describe('worst', () => {
  it('ranks differs over varies over same', () => {
    expect(worst([{ status: 'same' }, { status: 'varies' }])).toBe('varies');
    expect(worst([{ status: 'varies' }, { status: 'differs' }])).toBe('differs');
    expect(worst([])).toBe('same');
  });
});
