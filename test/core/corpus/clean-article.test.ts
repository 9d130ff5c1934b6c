import { describe, expect, it } from 'vitest';
import { bodySpans, cleanArticle, subtract, type Block } from '../../../src/core/corpus/clean-article';
import { readCorpusFiles } from './read-corpus-files';

/** Each block as [its kind (and chrome rule), its text], for readable expectations. */
const labelled = (text: string, blocks: readonly Block[]) =>
  blocks.map((b) => [b.chrome ? `chrome:${b.chrome}` : b.kind, text.slice(b.start, b.end)]);

/** Each case: what it shows, a text, and its blocks as [kind, text]. */
const cases: [string, string, [string, string][]][] = [
  [
    'crumbs before the title, the title, a copy of the title, and prose',
    '- Atlas News\n- Posts\n- Trump Warns\nTrump Warns\nTrump Warns\nThe talks go on.\n',
    [
      ['chrome:crumb', '- Atlas News'],
      ['chrome:crumb', '- Posts'],
      ['chrome:crumb', '- Trump Warns'],
      ['title', 'Trump Warns'],
      ['chrome:repeated-title', 'Trump Warns'],
      ['prose', 'The talks go on.'],
    ],
  ],
  [
    'advertisements, reply links and the comment form',
    'A Headline\n\nAdvertisement · Scroll to continue\nThe talks go on.\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nReply',
    [
      ['title', 'A Headline'],
      ['chrome:advertisement', 'Advertisement · Scroll to continue'],
      ['prose', 'The talks go on.'],
      ['chrome:reply', 'Leave a Reply'],
      ['chrome:comment-form', 'Your email address will not be published. Required fields are marked *'],
      ['chrome:reply', 'Reply'],
    ],
  ],
  [
    'an embedded tweet and its credit line',
    'The talks go on.\nMarco Rubio: "Not our war… pic.twitter.com/ibwLh5Q950\n— Mr Producer (@RichSementa) April 18, 2025\n',
    [
      ['prose', 'The talks go on.'],
      ['chrome:embedded-tweet', 'Marco Rubio: "Not our war… pic.twitter.com/ibwLh5Q950'],
      ['chrome:tweet-credit', '— Mr Producer (@RichSementa) April 18, 2025'],
    ],
  ],
  [
    'emoji and title-case headings, a question as a heading',
    'The talks go on.\n⚖️ Peace Talks on a Ticking Clock\nMore talks.\nA Divided US Administration?\nStrategic Interests Beyond Peace\nEven more.',
    [
      ['prose', 'The talks go on.'],
      ['heading', '⚖️ Peace Talks on a Ticking Clock'],
      ['prose', 'More talks.'],
      ['heading', 'A Divided US Administration?'],
      ['heading', 'Strategic Interests Beyond Peace'],
      ['prose', 'Even more.'],
    ],
  ],
  [
    'takeaways after their heading, then the body again',
    'The talks go on.\nKey Takeaways\n- Rubio warned the US.\n- Talks are next week.\nThe body goes on.\n',
    [
      ['prose', 'The talks go on.'],
      ['heading', 'Key Takeaways'],
      ['takeaway', '- Rubio warned the US.'],
      ['takeaway', '- Talks are next week.'],
      ['prose', 'The body goes on.'],
    ],
  ],
  [
    'an opinion box until the next heading',
    'The talks go on.\nAIgnite Opinion\nThis moment could prove pivotal.\nKey Takeaways\n- A point.',
    [
      ['prose', 'The talks go on.'],
      ['heading', 'AIgnite Opinion'],
      ['opinion', 'This moment could prove pivotal.'],
      ['heading', 'Key Takeaways'],
      ['takeaway', '- A point.'],
    ],
  ],
  [
    'no title when the first line is a sentence, even one ending in a quotation',
    '\nThe administration is threatening to walk away.\nMarco Rubio: “It is not our war.”\n',
    [
      ['prose', 'The administration is threatening to walk away.'],
      ['prose', 'Marco Rubio: “It is not our war.”'],
    ],
  ],
  [
    'a short line in sentence case is prose, not a heading',
    'A Headline\nTalks resume next week\nThe talks go on.',
    [
      ['title', 'A Headline'],
      ['prose', 'Talks resume next week'],
      ['prose', 'The talks go on.'],
    ],
  ],
];

describe('cleanArticle', () => {
  it.each(cases)('labels %s', (_, text, expected) => {
    expect(labelled(text, cleanArticle(text))).toEqual(expected);
  });

  it('keeps a line’s offsets without its line break, carriage return or surrounding spaces', () => {
    const text = 'A Headline\r\n  The talks go on.  \r\n';
    const [, prose] = cleanArticle(text);
    expect(prose).toMatchObject({ kind: 'prose', start: 14, end: 30 });
    expect(text.slice(prose!.start, prose!.end)).toBe('The talks go on.');
  });

  it('cuts ascending citation markers out of a line, and leaves other numbers alone', () => {
    const text = 'A truce remains elusive 1 2 3. Talks go on 4 5 6.\nHe was aged 30. The vote was 3 1.\n';
    const [first, second] = cleanArticle(text);
    expect(first!.cuts.map((c) => text.slice(c.start, c.end))).toEqual([' 1 2 3', ' 4 5 6']);
    expect(second!.cuts).toEqual([]);
  });

  it('gives a cleaned view made of raw spans: title and prose, without markers', () => {
    const text = '- Crumb\nA Headline\n⚖️ A Heading\nA truce remains elusive 1 2 3. More.\nKey Takeaways\n- A point.\nReply';
    const view = bodySpans(cleanArticle(text)).map((s) => text.slice(s.start, s.end));
    expect(view).toEqual(['A Headline', 'A truce remains elusive', '. More.']);
  });

  it('subtracts spans from a span', () => {
    expect(subtract({ start: 0, end: 10 }, [{ start: 6, end: 8 }, { start: 2, end: 3 }])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 6 },
      { start: 8, end: 10 },
    ]);
    expect(subtract({ start: 0, end: 4 }, [{ start: 0, end: 4 }])).toEqual([]);
  });
});

describe('cleanArticle on the bundled corpus', () => {
  const articles = readCorpusFiles().articles;
  const view = (text: string) => bodySpans(cleanArticle(text)).map((s) => text.slice(s.start, s.end)).join('\n');

  it('leaves no site chrome in the cleaned view', () => {
    for (const { text, textPath } of articles) {
      const clean = view(text);
      for (const chrome of [/^- /m, /Advertisement/, /^(?:Leave a )?Reply$/m, /pic\.twitter\.com/, /@RichSementa/, /Your email address/, /Key Takeaways/, /AIgnite Opinion/, /\p{Extended_Pictographic}/u, / \d \d \d/]) {
        expect(clean, `${textPath}: ${chrome}`).not.toMatch(chrome);
      }
    }
  });

  it('keeps the articles’ own words: every line of prose is in the cleaned view', () => {
    const [atlas] = articles;
    const clean = view(atlas!.text);
    expect(clean.startsWith('Trump Warns: U.S. May Walk Away From Ukraine Peace Talks Without Rapid Progress\n')).toBe(true);
    expect(clean).toContain('Kremlin spokesperson Dmitry Peskov confirmed that talks remain “quite difficult,”');
    expect(clean.split('\n')).toHaveLength(24); // the title and 23 paragraphs
  });

  it('labels the duplicated takeaways of the two articles that have them', () => {
    const counts = articles.map(({ text }) => cleanArticle(text).filter((b) => b.kind === 'takeaway').length);
    expect(counts).toEqual([0, 0, 0, 5, 5]);
  });
});
