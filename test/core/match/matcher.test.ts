import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherEntity } from '../../../src/core/match/matcher';

const entities: MatcherEntity[] = [
  {
    id: 'donald-trump',
    aliases: ['Donald Trump', 'Trump', 'Donald J. Trump'],
    namesakes: ['Melania Trump', 'Donald Trump Jr.'],
  },
  { id: 'marco-rubio', aliases: ['Marco Rubio', 'Rubio', 'Марко Рубіо'], namesakes: [] },
  { id: 'volodymyr-zelensky', aliases: ['Zelensky', 'Zelenskyy', 'Зеленський'], namesakes: [] },
];
const matcher = compileMatcher(entities);

/** Each case: a text, and the mentions expected in it as [text as found, entity]. */
const cases: [string, [string, string][]][] = [
  ['Secretary of State Marco Rubio said', [['Marco Rubio', 'marco-rubio']]],
  ['Rubio’s remarks and Trump’s urgency', [['Rubio', 'marco-rubio'], ['Trump', 'donald-trump']]],
  ['TRUMP WARNS US MAY QUIT', [['TRUMP', 'donald-trump']]],
  ['He played his trump card on a trumpet.', []],
  ['Trumpism is not Trump.', [['Trump', 'donald-trump']]],
  ['Melania Trump and Donald Trump arrived', [['Donald Trump', 'donald-trump']]],
  ['Donald Trump Jr. spoke, not his father.', []],
  ['Zelenskyy met Zelensky', [['Zelenskyy', 'volodymyr-zelensky'], ['Zelensky', 'volodymyr-zelensky']]],
  ['Президент Зеленський і Марко Рубіо', [['Зеленський', 'volodymyr-zelensky'], ['Марко Рубіо', 'marco-rubio']]],
  ['Зеленськийович is not a name here', []],
  ['ÉRubio and Rubioé are parts of other words', []],
  ['', []],
];

describe('compileMatcher', () => {
  it.each(cases)('%s', (text, expected) => {
    const found = matcher.findAll(text).map((m) => [text.slice(m.start, m.end), m.entityId]);
    expect(found).toEqual(expected);
  });

  it('reports offsets into the original text', () => {
    const text = 'Talks: Marco Rubio, again.';
    expect(matcher.findAll(text)).toEqual([{ entityId: 'marco-rubio', start: 7, end: 18 }]);
  });

  it('matches nothing when there are no entities', () => {
    expect(compileMatcher([]).findAll('Trump')).toEqual([]);
  });

  it('treats regular-expression characters in aliases literally', () => {
    const dotted = compileMatcher([{ id: 'jd-vance', aliases: ['J.D. Vance'], namesakes: [] }]);
    expect(dotted.findAll('JxDx Vance and J.D. Vance')).toEqual([
      { entityId: 'jd-vance', start: 15, end: 25 },
    ]);
  });
});
