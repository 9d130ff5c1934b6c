import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/core/corpus/clean-article';
import { extractQuotations } from '../../../src/core/corpus/extract-quotes';
import { groupQuotes } from '../../../src/core/corpus/group-quotes';
import type { EntityEntry, Quote } from '../../../src/core/types';

const person = (id: string, name: string, alias: string): EntityEntry => ({
  id,
  kind: 'person',
  name,
  role: 'a role',
  aliases: [name, alias],
  namesakes: [],
  caseRule: 'proper',
  related: [],
});
const ENTITIES = [person('marco-rubio', 'Marco Rubio', 'Rubio'), person('donald-trump', 'Donald Trump', 'Trump')];

/** The quotes of some articles (a, b, c … in order), each as [speaker or note, source texts by article]. */
function group(...texts: string[]): [string | null, string[]][] {
  const articles = texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));
  const found = articles.flatMap((a) => extractQuotations(a, cleanArticle(a.text), ENTITIES));
  return groupQuotes(found, articles).map((q) => [q.speaker ?? q.speakerNote ?? null, q.sources.map((s) => `${s.articleId}: ${s.text}`)]);
}

describe('groupQuotes', () => {
  it('makes the same remark in two outlets’ words one quote, each wording a source', () => {
    expect(
      group(
        '“We’re not continuing this for weeks or months on end,” Rubio said.',
        '“We’re not going to continue this endeavour for weeks and months on end,” Rubio said.',
      ),
    ).toEqual([
      [
        'marco-rubio',
        ['a: We’re not continuing this for weeks or months on end', 'b: We’re not going to continue this endeavour for weeks and months on end'],
      ],
    ]);
  });

  it('groups a fragment with the sentence its words appear in, in order', () => {
    expect(
      group('Rubio said the US needs to know “within days.”', 'Rubio said progress must happen “within a matter of days.”'),
    ).toEqual([['marco-rubio', ['a: within days', 'b: within a matter of days']]]);
  });

  it('cuts a quotation only where its sentences belong to different remarks', () => {
    expect(
      group(
        '“If this is not going to happen, then we are moving on. The US has other priorities,” Rubio said.',
        'Rubio added that America has “other priorities to focus on.”',
        'Rubio said the US would “move on.”',
      ),
    ).toEqual([
      ['marco-rubio', ['a: If this is not going to happen, then we are moving on.', 'c: move on']],
      ['marco-rubio', ['a: The US has other priorities', 'b: other priorities to focus on']],
    ]);
  });

  it('keeps sentences that match nothing with the rest of their quotation', () => {
    expect(
      group(
        '“We will do what we can. We will be ready to help. But we will not continue this for weeks and months on end,” Rubio said.',
        'Rubio said the US would not “continue this for weeks and months on end.”',
      ),
    ).toEqual([
      [
        'marco-rubio',
        [
          'a: We will do what we can. We will be ready to help. But we will not continue this for weeks and months on end',
          'b: continue this for weeks and months on end',
        ],
      ],
    ]);
  });

  it('never puts two people in one quote, however alike their words', () => {
    expect(group('“We will take a pass on it,” Trump said.', '“We will take a pass on it,” Rubio said.')).toEqual([
      ['donald-trump', ['a: We will take a pass on it']],
      ['marco-rubio', ['b: We will take a pass on it']],
    ]);
  });

  it('gives an institution’s quotation to the person whose words it repeats verbatim, and not a short fragment', () => {
    expect(
      group(
        'The administration emphasizes that “it’s not our war” and wants to “move on.”',
        '“It’s not our war. We will move on,” Rubio said.',
      ),
    ).toEqual([
      ['marco-rubio', ['a: it’s not our war', 'b: It’s not our war. We will move on']],
      ['institution', ['a: move on']],
    ]);
  });

  it('never gives a document’s words to a person', () => {
    expect(
      group('“The American people desire to invest in Ukraine,” the memo reads.', '“The American people desire to invest in Ukraine,” Trump said.'),
    ).toEqual([
      ['document', ['a: The American people desire to invest in Ukraine']],
      ['donald-trump', ['b: The American people desire to invest in Ukraine']],
    ]);
  });

  it('collapses a remark repeated inside one article', () => {
    expect(
      group('Rubio warned that progress must come “within a matter of days.” Rubio stressed that it must come “within a matter of days.”'),
    ).toEqual([['marco-rubio', ['a: within a matter of days', 'a: within a matter of days']]]);
  });

  it('takes the main wording from the articles’ own prose, not from a takeaway', () => {
    const articles = [
      { id: 'a', text: 'A Headline\nKey Takeaways\n- Rubio said “it’s not our war and we have other priorities to focus on now.”\nRubio spoke: “It’s not our war.”' },
    ];
    const [quote] = groupQuotes(articles.flatMap((a) => extractQuotations(a, cleanArticle(a.text), ENTITIES)), articles);
    expect(quote!.text).toBe('It’s not our war.');
    expect(quote!.sources).toHaveLength(2);
  });

  it('numbers quotes by the article of their first source, and shows the fullest wording first', () => {
    const articles = [
      { id: 'a', text: 'Rubio said the US would “move on.” Trump said it was a “mistake.”' },
      { id: 'b', text: '“If it is not doable, then we are just going to move on,” Rubio said.' },
    ];
    const quotes: Quote[] = groupQuotes(
      articles.flatMap((a) => extractQuotations(a, cleanArticle(a.text), ENTITIES)),
      articles,
    );
    expect(quotes.map((q) => [q.id, q.text])).toEqual([
      ['a#q1', 'If it is not doable, then we are just going to move on'],
      ['a#q2', 'mistake'],
    ]);
    expect(quotes[0]).toMatchObject({ articleId: 'b', speaker: 'marco-rubio' });
  });
});

/**
 * Quotes are compared through indexes of their words, not all pairs with all pairs; these cases
 * are the pairs an index could miss or wrongly join.
 */
describe('groupQuotes finds every matching pair and only those', () => {
  it('joins a sentence to a longer one sharing three of its five content words, not its rarest ones', () => {
    // "Hurt" and "sanctions" are the first sentence's rarest words; it matches the second through
    // "Moscow", "banks" and "badly", and not the third, which shares only "sanctions".
    expect(
      group(
        '“Sanctions will hurt Moscow banks badly,” Rubio said.',
        '“The banks in Moscow will suffer badly from new tariffs on steel and grain exports,” Rubio said.',
        '“Sanctions on Iran failed,” Rubio said.',
      ),
    ).toEqual([
      [
        'marco-rubio',
        ['a: Sanctions will hurt Moscow banks badly', 'b: The banks in Moscow will suffer badly from new tariffs on steel and grain exports'],
      ],
      ['marco-rubio', ['c: Sanctions on Iran failed']],
    ]);
  });

  it('joins a remark of function words alone to the longer one that repeats it word for word', () => {
    expect(group('“We will do it,” Rubio said.', '“If they agree, we will do it this week,” Rubio said.')).toEqual([
      ['marco-rubio', ['a: We will do it', 'b: If they agree, we will do it this week']],
    ]);
  });

  it('gives a person the longer unattributed quotation that contains the person’s words', () => {
    expect(
      group(
        'The administration said that “Washington has other priorities and it’s not our war.”',
        '“It’s not our war,” Rubio said.',
      ),
    ).toEqual([['marco-rubio', ['a: Washington has other priorities and it’s not our war.', 'b: It’s not our war']]]);
  });

  it('gives an unattributed quotation to the person it repeats at most length, whatever the order', () => {
    expect(
      group(
        'The administration said it would “not continue this for weeks and months on end.”',
        'Rubio said they would “not continue this for weeks.”',
        'Trump said he would not “continue this for weeks and months on end.”',
      ),
    ).toEqual([
      ['donald-trump', ['a: not continue this for weeks and months on end', 'c: continue this for weeks and months on end']],
      ['marco-rubio', ['b: not continue this for weeks']],
    ]);
  });

  it('gives an unattributed quotation repeated at equal length by two people to the earlier', () => {
    expect(
      group(
        'The administration said it would “not continue this for weeks and months on end.”',
        'Trump said he would “not continue this for weeks and months.”',
        'Rubio said they would “not continue this for weeks and months.”',
      ),
    ).toEqual([
      ['donald-trump', ['a: not continue this for weeks and months on end', 'b: not continue this for weeks and months']],
      ['marco-rubio', ['c: not continue this for weeks and months']],
    ]);
  });
});
