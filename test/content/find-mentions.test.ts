import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { collectTextRuns } from '../../src/content/collect-text';
import { findMentions } from '../../src/content/find-mentions';
import { compileMatcher } from '../../src/core/match/matcher';

const matcher = compileMatcher([
  { id: 'marco-rubio', aliases: ['Marco Rubio', 'Rubio'], namesakes: [] },
  { id: 'volodymyr-zelensky', aliases: ['Volodymyr Zelensky', 'Zelensky'], namesakes: [] },
]);

function scan(html: string, ownHostSelector?: string) {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup, not page or corpus text
  const ownHost = ownHostSelector ? doc.querySelector(ownHostSelector) : null;
  const runs = collectTextRuns(doc.body, { ownHost });
  return findMentions(runs, matcher, doc).map((m) => [m.range.toString(), m.entityId]);
}

/** Each case: page markup, and the mentions expected as [text covered, entity]. */
const cases: [string, string, [string, string][]][] = [
  ['plain text', '<p>Secretary Marco Rubio spoke.</p>', [['Marco Rubio', 'marco-rubio']]],
  ['a name split by a link', '<p>Volodymyr <a href="#">Zelensky</a> said</p>', [['Volodymyr Zelensky', 'volodymyr-zelensky']]],
  ['a name split inside a word', '<p>Ru<span>bio</span> said</p>', [['Rubio', 'marco-rubio']]],
  ['blocks never join', '<p>Marco</p><p>Rubio</p>', [['Rubio', 'marco-rubio']]],
  ['a block inside a paragraph splits it', '<div>Marco <div>x</div>Rubio</div>', [['Rubio', 'marco-rubio']]],
  ['a line break splits', '<p>Marco<br>Rubio</p>', [['Rubio', 'marco-rubio']]],
  ['scripts and styles are skipped', '<script>var Rubio</script><style>.Rubio{}</style><p>ok</p>', []],
  ['form fields are skipped', '<textarea>Rubio</textarea><input value="Rubio">', []],
  ['editable regions are skipped', '<div contenteditable="true">Rubio</div><div contenteditable="false">Rubio</div>', [['Rubio', 'marco-rubio']]],
  ['the extension host is skipped', '<backstory-host>Rubio</backstory-host><p>Zelensky</p>', [['Zelensky', 'volodymyr-zelensky']]],
];

describe('collectTextRuns + findMentions', () => {
  it.each(cases)('%s', (_name, html, expected) => {
    expect(scan(html, 'backstory-host')).toEqual(expected);
  });

  it('leaves the page text untouched', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.body.innerHTML = '<p>Marco <b>Rubio</b> and Zelensky</p>';
    const before = doc.body.innerHTML;
    const mentions = findMentions(collectTextRuns(doc.body), matcher, doc);
    expect(mentions).toHaveLength(2);
    expect(doc.body.innerHTML).toBe(before);
  });

  it('maps each mention to the text nodes it covers', () => {
    const window = new Window();
    const doc = window.document as unknown as Document;
    doc.body.innerHTML = '<p>Marco <b>Rubio</b></p>';
    const [mention] = findMentions(collectTextRuns(doc.body), matcher, doc);
    expect(mention?.nodes.map((n) => n.data)).toEqual(['Marco ', 'Rubio']);
  });
});
