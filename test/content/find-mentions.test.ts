import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { collectTextRuns } from '../../src/content/collect-text';
import { findMentions, mentionsInRun } from '../../src/content/find-mentions';
import { compileMatcher, type MatcherEntity } from '../../src/core/match/matcher';
import cases from '../core/match/matcher-cases.json';

const matcher = compileMatcher(cases.entities as MatcherEntity[]);

function page(html: string): Document {
  const doc = new Window().document as unknown as Document;
  doc.body.innerHTML = html; // test fixture markup, not page or corpus text
  return doc;
}

describe('mentionsInRun', () => {
  it('finds in windows of a long run what it finds in the whole run', () => {
    const sentence = 'Talks: Marco <b>Rubio</b> met Volodymyr <a>Zelen</a>sky and Mr. Putin; a trump card. ';
    const doc = page(`<p>${sentence.repeat(40)}</p>`);
    const [run] = collectTextRuns(doc.body);
    const whole = mentionsInRun(run!, matcher, doc).map((m) => m.range.toString());
    expect(whole).toHaveLength(120);
    for (const size of [10, 97, 1000]) {
      const windowed = [];
      for (let from = 0; from < run!.text.length; from += size) {
        windowed.push(...mentionsInRun(run!, matcher, doc, { from, to: from + size }).map((m) => m.range.toString()));
      }
      expect(windowed).toEqual(whole);
    }
  });

  it('ends a range at the end of a node, not at the start of the next', () => {
    const doc = page('<p><b>Rubio</b><i>, said</i></p>');
    const [m] = findMentions(collectTextRuns(doc.body), matcher, doc);
    expect(m?.range.endContainer.textContent).toBe('Rubio');
    expect(m?.nodes).toHaveLength(1);
  });
});
