import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/core/corpus/extract-quotes';
import type { Entity } from '../../../src/core/types';

const person = (id: string, name: string, aliases: string[], namesakes: string[] = []): Entity => ({
  id,
  kind: 'person',
  name,
  role: 'a role',
  aliases: [name, ...aliases],
  namesakes,
  caseRule: 'proper',
});

const ENTITIES: Entity[] = [
  person('donald-trump', 'Donald Trump', ['Trump'], ['Melania Trump', 'Donald Trump Jr.']),
  person('marco-rubio', 'Marco Rubio', ['Rubio']),
  person('dmitry-peskov', 'Dmitry Peskov', ['Peskov']),
  person('jd-vance', 'JD Vance', ['Vance'], ['Usha Vance']),
  person('giorgia-meloni', 'Giorgia Meloni', ['Meloni']),
  person('volodymyr-zelensky', 'Volodymyr Zelensky', ['Zelensky']),
  { ...person('ukraine', 'Ukraine', []), kind: 'topic' },
];

/** Each case: what it shows, an article text, and the quotes expected as [words, speaker]. */
const cases: [string, string, [string, string][]][] = [
  ['X said', '“We are done,” Rubio said.', [['We are done', 'marco-rubio']]],
  ['said X, past role words', '“We are done,” said Secretary of State Marco Rubio.', [['We are done', 'marco-rubio']]],
  ['X told reporters', '“Quickly. We want to get it done,” Trump told reporters.', [['Quickly. We want to get it done', 'donald-trump']]],
  ['X stated bluntly', '“We are not here to waste time,” Trump stated bluntly.', [['We are not here to waste time', 'donald-trump']]],
  ['X posted', '“Drones again,” Zelensky posted on Telegram.', [['Drones again', 'volodymyr-zelensky']]],
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
    'a clause of its own after “while”',
    'Rubio reported an “encouraging reception,” while Zelensky’s office called the talks “constructive.”',
    [['encouraging reception', 'marco-rubio']],
  ],
  ['no speaker: the memo', '“The American people desire to invest,” the memo reads.', []],
  ['no speaker: a scare quote', 'This aligns with Trump’s “America First” doctrine.', []],
  ['no speaker: the administration, not Trump', '- Trump’s administration emphasizes that “it’s not our war” and more.', []],
  ['no speaker: an uncovered person', '“We are happy,” Ivanna Smith said.', []],
  ['no speaker: a namesake', '“We are happy,” Usha Vance said.', []],
  ['no speaker: a namesake as antecedent', 'Melania Trump arrived. “We are happy,” she said.', []],
  ['no speaker: a topic is not a person', '“We want peace,” Ukraine said.', []],
  ['a sentence ending in a quotation takes no attribution from the next', '“We will see.” Rubio said the talks go on.', []],
  ['an unclosed quotation is dropped', 'Rubio said: “We are leaving\n“Now,” Trump said.', [['Now', 'donald-trump']]],
  [
    'an embedded tweet is skipped',
    'Marco Rubio: "The war is not ours… pic.twitter.com/ibwLh5Q950\n— Mr Producer (@RichSementa) April 18, 2025\n“Fine,” he said.',
    [],
  ],
];

describe('extractQuotes', () => {
  it.each(cases)('%s', (_, text, expected) => {
    const quotes = extractQuotes({ id: 'a', text }, ENTITIES);
    expect(quotes.map((q) => [q.text, q.speakerId])).toEqual(expected);
    quotes.forEach((q, i) => {
      expect(q.id).toBe(`a#q${i + 1}`);
      expect(q.articleId).toBe('a');
      expect(text.slice(q.start, q.end)).toBe(q.text);
    });
  });
});
