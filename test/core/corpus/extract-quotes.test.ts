import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../../src/core/corpus/clean-article';
import { extractQuotations } from '../../../src/core/corpus/extract-quotes';
import type { EntityEntry } from '../../../src/core/types';

const person = (id: string, name: string, aliases: string[], namesakes: string[] = []): EntityEntry => ({
  id,
  kind: 'person',
  name,
  role: 'a role',
  aliases: [name, ...aliases],
  namesakes,
  caseRule: 'proper',
  related: [],
});

const ENTITIES: EntityEntry[] = [
  person('donald-trump', 'Donald Trump', ['Trump'], ['Melania Trump', 'Donald Trump Jr.']),
  person('marco-rubio', 'Marco Rubio', ['Rubio']),
  person('dmitry-peskov', 'Dmitry Peskov', ['Peskov']),
  person('jd-vance', 'JD Vance', ['Vance'], ['Usha Vance']),
  person('giorgia-meloni', 'Giorgia Meloni', ['Meloni']),
  person('volodymyr-zelensky', 'Volodymyr Zelensky', ['Zelensky']),
  { ...person('ukraine', 'Ukraine', []), kind: 'topic', caseRule: 'any' },
  { ...person('kremlin', 'Kremlin', []), kind: 'place-or-organisation' },
];

/**
 * Each case: what it shows, an article text, and the quotations expected as [words, who]: a
 * speaker's id, or for a quotation no covered person speaks, the note that says who does.
 */
const cases: [string, string, [string, string][]][] = [
  ['X said', '“We are done,” Rubio said.', [['We are done', 'marco-rubio']]],
  ['said X, past role words', '“We are done,” said Secretary of State Marco Rubio.', [['We are done', 'marco-rubio']]],
  ['X told reporters', '“Quickly. We want to get it done,” Trump told reporters.', [['Quickly. We want to get it done', 'donald-trump']]],
  ['X stated bluntly', '“We are not here to waste time,” Trump stated bluntly.', [['We are not here to waste time', 'donald-trump']]],
  ['X posted on Telegram', '“Drones again,” Zelensky posted on Telegram.', [['Drones again', 'volodymyr-zelensky']]],
  ['X has told … that', 'Zelensky has told allies that a truce would be “dangerous.”', [['dangerous', 'volodymyr-zelensky']]],
  ['he wrote', 'Rubio landed in Paris. “Long day,” he wrote.', [['Long day', 'marco-rubio']]],
  [
    'he said: the subject of the previous sentence, not its last name',
    'Vice President JD Vance, after meeting Giorgia Meloni, struck a hopeful note. “We are optimistic,” he said.',
    [['We are optimistic', 'jd-vance']],
  ],
  [
    'he said, with the antecedent in the previous paragraph',
    'Marco Rubio spoke in Paris on Thursday.\n\n“We are moving on,” he said.',
    [['We are moving on', 'marco-rubio']],
  ],
  ['according to X, after', 'The pause has now “expired,” according to Kremlin spokesperson Dmitry Peskov.', [['expired', 'dmitry-peskov']]],
  ['According to X, before', 'According to Peskov, “Russia is open to dialogue.”', [['Russia is open to dialogue.', 'dmitry-peskov']]],
  ['X: “…”', 'Marco Rubio: “It is not our war.”', [['It is not our war.', 'marco-rubio']]],
  ['warned: “…”', 'As President Trump warned: “We’ll see who’s serious.”', [['We’ll see who’s serious.', 'donald-trump']]],
  [
    'X confirmed that … “…”, though he insisted … “…”',
    'Kremlin spokesperson Dmitry Peskov confirmed that talks remain “quite difficult,” though he insisted Russia is “open to dialogue” and more.',
    [
      ['quite difficult', 'dmitry-peskov'],
      ['open to dialogue', 'dmitry-peskov'],
    ],
  ],
  [
    'a quotation split around “he said”',
    'Rubio echoed Trump’s urgency. “We will not continue,” he said. “We need to decide within days.”',
    [
      ['We will not continue', 'marco-rubio'],
      ['We need to decide within days.', 'marco-rubio'],
    ],
  ],
  [
    'a sentence split around “she wrote”, with mixed marks',
    'Giorgia Meloni spoke. "There is a lot to do,” she wrote, “but the pace is good.”',
    [
      ['There is a lot to do', 'giorgia-meloni'],
      ['but the pace is good', 'giorgia-meloni'],
    ],
  ],
  [
    'nested single quotes stay inside',
    '“We will say: ‘You’re foolish,’ and take a pass,” Trump stated.',
    [['We will say: ‘You’re foolish,’ and take a pass', 'donald-trump']],
  ],
  ['an initialism does not end the sentence', 'Rubio said the U.S. needs to know “within days.”', [['within days', 'marco-rubio']]],
  [
    'an introductory phrase does not hold the subject',
    'Despite the rhetoric from Trump and Rubio, Vice President JD Vance offered a contrast, saying he remains “optimistic” about peace.',
    [['optimistic', 'jd-vance']],
  ],
  [
    'who issued a warning:',
    'The remarks were echoed by Secretary of State Marco Rubio, who issued a direct warning: “We are moving on.”',
    [['We are moving on.', 'marco-rubio']],
  ],
  [
    'a clause of its own after “while”: X’s office called …',
    'Rubio reported an “encouraging reception,” while Zelensky’s office called the talks “constructive.”',
    [
      ['encouraging reception', 'marco-rubio'],
      ['constructive', 'institution'],
    ],
  ],
  ['a document: the memo reads', '“The American people desire to invest,” the memo reads.', [['The American people desire to invest', 'document']]],
  ['an unnamed official', '“Ukraine is ready for a truce,” a U.S. official said.', [['Ukraine is ready for a truce', 'unnamed official']]],
  ['according to unnamed diplomats', 'The talks were “going nowhere,” according to European diplomats.', [['going nowhere', 'unnamed official']]],
  ['an organisation speaks as an institution', '“Talks go on,” the Kremlin said.', [['Talks go on', 'institution']]],
  ['a term the narrator quotes', 'This aligns with Trump’s “America First” doctrine.', [['America First', 'term']]],
  ['a term after a verb with no speaker', 'Kyiv has time to respond to a proposed “term sheet” from Washington.', [['term sheet', 'term']]],
  [
    'the administration, not Trump',
    'Headline\nKey Takeaways\n- Trump’s administration emphasizes that “it’s not our war” and more.',
    [['it’s not our war', 'institution']],
  ],
  [
    'an institution’s stance, with no verb',
    'The US administration’s readiness to “move on” from the talks is clear.',
    [['move on', 'institution']],
  ],
  ['an uncovered person', '“We are happy,” Ivanna Smith said.', [['We are happy', 'unknown']]],
  ['a namesake', '“We are happy,” Usha Vance said.', [['We are happy', 'other person']]],
  ['a namesake as antecedent', 'Melania Trump arrived. “We are happy,” she said.', [['We are happy', 'other person']]],
  ['a topic is not a person', '“We want peace for all of us,” Ukraine said.', [['We want peace for all of us', 'unknown']]],
  [
    'a sentence ending in a quotation takes no attribution from the next',
    '“We will see what happens next.” Rubio said the talks go on.',
    [['We will see what happens next.', 'unknown']],
  ],
  ['an unclosed quotation is dropped', 'Rubio said: “We are leaving\n“Now,” Trump said.', [['Now', 'donald-trump']]],
  [
    'an embedded tweet: its quotation is cut off at the link, and its names stay inside it',
    'Marco Rubio: "The war is not ours… pic.twitter.com/ibwLh5Q950\n— Mr Producer (@RichSementa) April 18, 2025\n“Fine,” he said.',
    [
      ['The war is not ours…', 'marco-rubio'],
      ['Fine', 'unknown'],
    ],
  ],
];

describe('extractQuotations', () => {
  it.each(cases)('%s', (_, text, expected) => {
    const found = extractQuotations({ id: 'a', text }, cleanArticle(text), ENTITIES);
    expect(found.map((q) => [q.text, q.attribution.speaker ?? (q.attribution.speaker === null && q.attribution.note)])).toEqual(expected);
    for (const q of found) {
      expect(q.articleId).toBe('a');
      expect(text.slice(q.start, q.end)).toBe(q.text);
    }
  });

  it('marks a quotation the text cuts off, and where it was found', () => {
    const text = 'Marco Rubio: "The war is not ours… pic.twitter.com/x\n- Key point\nTitle\n';
    const [tweet] = extractQuotations({ id: 'a', text }, cleanArticle(text), ENTITIES);
    expect(tweet).toMatchObject({ truncated: true, block: 'chrome' });
  });
});
