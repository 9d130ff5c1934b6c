import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { describe, expect, it, vi } from 'vitest';
import { collectTextRuns, isExcluded, textRuns } from '../../src/content/collect-text';
import { findMentions, type Mention } from '../../src/content/find-mentions';
import { compileMatcher, type MatcherEntity } from '../../src/core/match/matcher';
import cases from '../core/match/matcher-cases.json';

const matcher = compileMatcher(cases.entities as MatcherEntity[]);

function parse(html: string): Document {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.write(html); // test fixture markup, not page or corpus text
  return doc;
}

/** The text a mention covers in the nodes it was found in (skipped content left out). */
function visibleText(m: Mention): string {
  const { startContainer, startOffset, endContainer, endOffset } = m.range;
  return m.nodes
    .map((n) => n.data.slice(n === startContainer ? startOffset : 0, n === endContainer ? endOffset : undefined))
    .join('');
}

const doc = parse(readFileSync(new URL('./fixtures/text-cases.html', import.meta.url), 'utf8'));
const sections = [...doc.querySelectorAll('section')].map((s) => ({
  name: s.dataset.case!,
  section: s,
  expected: JSON.parse(s.dataset.expect!) as [string, string][],
}));

describe('collectTextRuns + findMentions (fixtures/text-cases.html)', () => {
  it('has cases', () => expect(sections.length).toBeGreaterThan(30));

  it.each(sections)('$name', ({ section, expected }) => {
    const ownHost = section.querySelector('backstory-card');
    const mentions = findMentions(collectTextRuns(section, { ownHost }), matcher, doc);
    expect(mentions.map((m) => [visibleText(m), m.entityId])).toEqual(expected);
  });
});

describe('collectTextRuns', () => {
  it('leaves the page untouched', () => {
    const page = parse('<p>Marco <b>Rubio</b> and Zelensky</p>');
    const before = page.body.innerHTML;
    expect(findMentions(collectTextRuns(page.body), matcher, page)).toHaveLength(2);
    expect(page.body.innerHTML).toBe(before);
  });

  it('maps a mention to the text nodes it covers, and its range to the exact characters', () => {
    const page = parse('<p>Said Marco <b>Rubio</b>.</p>');
    const [mention] = findMentions(collectTextRuns(page.body), matcher, page);
    expect(mention?.nodes.map((n) => n.data)).toEqual(['Said Marco ', 'Rubio']);
    expect(mention?.range.toString()).toBe('Marco Rubio');
  });

  it('joins the text of inline content, and only that, into one run', () => {
    const page = parse('<h1>Title</h1><p>One <a>two</a> three<br>four</p><ul><li>five</li></ul>');
    expect(collectTextRuns(page.body).map((r) => r.text)).toEqual(['Title', 'One two three', 'four', 'five']);
  });

  it('skips the whole document in design mode', () => {
    const page = parse('<p>Rubio</p>');
    page.designMode = 'on';
    expect(collectTextRuns(page.body)).toEqual([]);
  });

  it('tells whether a node lies in a skipped part of the page', () => {
    const page = parse(
      '<p id="a">x</p><textarea id="b">y</textarea><div contenteditable><i id="c">z</i></div>' +
        '<details><summary id="d"><b id="g">s</b></summary>t<p id="e"><i id="f">u</i></p></details>' +
        '<details open><p id="h"><i id="i">v</i></p></details>',
    );
    const text = (id: string) => page.getElementById(id)!.firstChild!;
    expect(isExcluded(text('a'))).toBe(false);
    expect(isExcluded(text('b'))).toBe(true);
    expect(isExcluded(text('c'))).toBe(true);
    expect(isExcluded(text('d'))).toBe(false);
    expect(isExcluded(page.querySelector('details')!.childNodes[1]!)).toBe(true);
    // A closed <details> hides every child but its summary, and all they hold.
    expect(isExcluded(text('g'))).toBe(false);
    expect(isExcluded(page.getElementById('e')!)).toBe(true);
    expect(isExcluded(text('f'))).toBe(true);
    expect(isExcluded(text('i'))).toBe(false);
  });

  it('reads the tag of each element on the way up once', () => {
    const page = parse(`<main>${'<div>'.repeat(10)}<p><i id="a">x</i></p>${'</div>'.repeat(10)}</main>`);
    let proto: object | null = page.body;
    while (proto && !Object.hasOwn(proto, 'localName')) proto = Object.getPrototypeOf(proto);
    const tags = vi.spyOn(proto as Element, 'localName', 'get');
    expect(isExcluded(page.getElementById('a')!.firstChild!)).toBe(false);
    // i, p, ten divs, main, body, html
    expect(tags).toHaveBeenCalledTimes(15);
    tags.mockRestore();
  });

  it('answers alike with earlier answers kept, and then asks each ancestor once', () => {
    const page = parse(
      '<div><section hidden><p id="h">x</p></section><article><div><p id="a">a</p><p id="b">b</p></div></article><div contenteditable><p id="e">e</p></div><details><p id="d">d</p></details></div>',
    );
    const nodes = ['h', 'a', 'b', 'e', 'd'].flatMap((id) => [page.getElementById(id)!, page.getElementById(id)!.firstChild!]);
    const excluded = new Map<Node, boolean>();
    for (const node of [...nodes, ...nodes.reverse()]) expect(isExcluded(node, { excluded })).toBe(isExcluded(node));

    // A second paragraph beside one already asked about: only the paragraph itself is read.
    let proto: object | null = page.body;
    while (proto && !Object.hasOwn(proto, 'hasAttributes')) proto = Object.getPrototypeOf(proto);
    const reads = vi.spyOn(proto as Element, 'hasAttributes');
    const known = new Map<Node, boolean>();
    isExcluded(page.getElementById('a')!.firstChild!, { excluded: known });
    reads.mockClear();
    isExcluded(page.getElementById('b')!.firstChild!, { excluded: known });
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockClear();
    isExcluded(page.getElementById('b')!.firstChild!);
    expect(reads.mock.calls.length).toBeGreaterThan(3);
    reads.mockRestore();
  });

  it('offers pauses on long stretches without text', () => {
    const page = parse(`<div>${'<div></div>'.repeat(1000)}</div><p>Rubio</p>`);
    const steps = [...textRuns(page.body)];
    expect(steps.filter((s) => s === null).length).toBeGreaterThan(2);
    expect(steps.filter((s) => s !== null).map((r) => r!.text)).toEqual(['Rubio']);
  });

  it('reports an interrupted walk when the page removes the node it had reached', () => {
    const page = parse(`<p>a</p><p>b</p>${'<span></span>'.repeat(300)}<p>c</p>`);
    const walk = textRuns(page.body);
    let step = walk.next();
    while (!step.done && step.value === null) step = walk.next();
    expect(step.done ? null : step.value?.text).toBe('a');
    // The walk stands where run "a" ended, at the second paragraph; take both out of the page.
    for (const p of [...page.querySelectorAll('p')].slice(0, 2)) p.remove();
    for (step = walk.next(); !step.done; step = walk.next());
    expect(step.value).toBe('interrupted');
  });
});
