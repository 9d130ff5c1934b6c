import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/core/corpus/clean-article';
import { extractQuotations } from '../../../src/core/corpus/extract-quotes';
import { asOf, selectBackgrounds } from '../../../src/core/corpus/select-background';
import { compileMatcher } from '../../../src/core/match/matcher';
import type { EntityEntry } from '../../../src/core/types';

const entry = (id: string, name: string, aliases: string[], kind: EntityEntry['kind'] = 'person', related: string[] = []): EntityEntry => ({
  id,
  kind,
  name,
  role: 'a role',
  aliases: [name, ...aliases],
  namesakes: [],
  caseRule: kind === 'topic' ? 'any' : 'proper',
  related,
});
const RUBIO = entry('marco-rubio', 'Marco Rubio', ['Rubio']);
const LAVROV = entry('sergei-lavrov', 'Sergei Lavrov', ['Lavrov'], 'person', ['paris-talks']);
const PARIS = entry('paris-talks', 'Paris talks', ['talks in Paris'], 'topic');
const ENTITIES = [RUBIO, LAVROV, PARIS];

/** The background chosen for `id` from articles a, b, c … with these texts, as [article, sentence]. */
function background(id: string, ...texts: string[]): [string, string][] {
  const articles = texts.map((text, i) => ({ article: { id: String.fromCharCode(97 + i), text, published: null }, text }));
  const chosen = selectBackgrounds(
    ENTITIES,
    articles.map(({ article, text }) => {
      const blocks = cleanArticle(text);
      return {
        article,
        blocks,
        mentions: compileMatcher(ENTITIES).findAll(text),
        quotations: extractQuotations(article, blocks, ENTITIES),
      };
    }),
  ).get(id)!;
  for (const s of chosen.sentences) expect(texts[s.articleId.charCodeAt(0) - 97]!.slice(s.start, s.end)).toBe(s.text);
  return chosen.sentences.map((s) => [s.articleId, s.text]);
}

describe('selectBackgrounds', () => {
  it('prefers sentences about the entity to sentences that only mention it', () => {
    expect(
      background(
        'marco-rubio',
        'Despite warnings from Marco Rubio, the ministers kept talking for hours.\nMarco Rubio warned the allies that the United States may walk away.\nRubio also met the French foreign minister later in the week.',
      )[0],
    ).toEqual(['a', 'Marco Rubio warned the allies that the United States may walk away.']);
  });

  it('skips sentences that make no sense alone, quotations, and sentences cut inside a quotation', () => {
    expect(
      background(
        'marco-rubio',
        [
          'Marco Rubio flew to Paris for a long round of talks on Thursday.',
          'He emphasized that the United States has other priorities than this war.',
          'However, the talks with European leaders had been constructive, Rubio said.',
          '“We are not going to continue this for weeks,” Rubio said on Thursday evening.',
          'Rubio told reporters, “We are leaving soon. We mean it,” before he left Paris.',
          'Secretary of State Marco Rubio later briefed the Russian side on the proposal.',
        ].join('\n'),
      ),
    ).toEqual([
      ['a', 'Marco Rubio flew to Paris for a long round of talks on Thursday.'],
      ['a', 'Secretary of State Marco Rubio later briefed the Russian side on the proposal.'],
    ]);
  });

  it('skips a near-duplicate and prefers another article', () => {
    expect(
      background(
        'marco-rubio',
        'Marco Rubio met European leaders in Paris on Thursday to discuss the peace talks.\nRubio met European leaders in Paris on Thursday for the peace talks.',
        'Rubio briefed the Russian foreign minister on the American proposal by phone.',
      ),
    ).toEqual([
      ['a', 'Marco Rubio met European leaders in Paris on Thursday to discuss the peace talks.'],
      ['b', 'Rubio briefed the Russian foreign minister on the American proposal by phone.'],
    ]);
  });

  it('passes over a near-duplicate that ranks first to the next sentence', () => {
    // From an unused article and in its opening paragraph, the repetition outranks the second
    // sentence of the first article.
    expect(
      background(
        'marco-rubio',
        'Marco Rubio met European leaders in Paris on Thursday to discuss the peace talks.\nMarco Rubio signed a trade accord with Vietnam in Hanoi.',
        'Rubio met the European leaders in Paris.',
      ),
    ).toEqual([
      ['a', 'Marco Rubio met European leaders in Paris on Thursday to discuss the peace talks.'],
      ['a', 'Marco Rubio signed a trade accord with Vietnam in Hanoi.'],
    ]);
  });

  it('ranks again after each pick, so a sentence from an unused article overtakes one from a used article', () => {
    // Ranked once, the two sentences of the opening paragraph would come first: they score the
    // same, above the other article's, which is not in its opening paragraph.
    expect(
      background(
        'marco-rubio',
        'Marco Rubio met European leaders in Paris on Thursday to discuss the war. Marco Rubio signed a trade accord with Vietnam in Hanoi.',
        'The weather in Brussels stayed cold for the whole of the week.\nMarco Rubio spoke with the Japanese prime minister by phone.',
      ),
    ).toEqual([
      ['a', 'Marco Rubio met European leaders in Paris on Thursday to discuss the war.'],
      ['b', 'Marco Rubio spoke with the Japanese prime minister by phone.'],
      ['a', 'Marco Rubio signed a trade accord with Vietnam in Hanoi.'],
    ]);
  });

  it('leaves out a connective that ties a sentence to the one before, when a sentence of its own follows', () => {
    expect(
      background(
        'marco-rubio',
        'Talks in Paris ran late on Thursday night.\nMeanwhile, Marco Rubio briefed the Russian side on the proposal.\nHowever, he met the French president at the Elysee Palace too.\nStill, Rubio said the window for diplomacy is closing fast.',
      ),
    ).toEqual([
      ['a', 'Marco Rubio briefed the Russian side on the proposal.'],
      ['a', 'Rubio said the window for diplomacy is closing fast.'],
    ]);
  });

  it('leaves trailing citation markers out of a sentence, and skips one with markers inside', () => {
    expect(
      background(
        'marco-rubio',
        'Marco Rubio said the window for diplomacy is closing 1 2 3. Rubio spoke 4 5. and Rubio left Paris on Thursday afternoon.\nRubio later met the French president at the Elysee Palace.',
      ),
    ).toEqual([
      ['a', 'Marco Rubio said the window for diplomacy is closing'],
      ['a', 'Rubio later met the French president at the Elysee Palace.'],
    ]);
  });

  it('fills in from a related entity when the corpus names the entity too rarely, those sharing its words first', () => {
    expect(
      background(
        'sergei-lavrov',
        'Rubio briefed Russian Foreign Minister Sergei Lavrov on the American proposal after the talks.\nThe weather in Moscow stayed cold for the whole of the week.',
        'The talks in Paris produced an American proposal for a ceasefire, officials said.\nThe talks in Paris were the first in-person meeting of European powers on the war.',
      ),
    ).toEqual([
      ['a', 'Rubio briefed Russian Foreign Minister Sergei Lavrov on the American proposal after the talks.'],
      ['b', 'The talks in Paris produced an American proposal for a ceasefire, officials said.'],
    ]);
  });

  it('picks at most four sentences', () => {
    const texts = [
      'Marco Rubio visited Lisbon to open a new consulate.',
      'Rubio warned Moscow against further strikes on power plants.',
      'Marco Rubio praised the farmers of Iowa for record harvests.',
      'Rubio signed a trade accord with Vietnam in Hanoi.',
      'Marco Rubio testified before the Senate about the budget.',
      'Rubio hosted the Japanese prime minister at a state dinner.',
    ];
    expect(background('marco-rubio', ...texts)).toHaveLength(4);
  });
});

describe('asOf', () => {
  it('is the newest publication date among the sources, or undated when none states one', () => {
    expect(asOf([null, null])).toEqual({ status: 'undated', date: null });
    expect(asOf(['2025-04-17', null, '2025-04-18'])).toEqual({ status: 'dated', date: '2025-04-18' });
    expect(asOf([])).toEqual({ status: 'undated', date: null });
  });
});
