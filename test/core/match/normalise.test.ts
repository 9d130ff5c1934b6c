import { describe, expect, it } from 'vitest';
import { detailOf, normalise, normaliseFully } from '../../../src/core/match/normalise';

/** Each case: original text, normalised text, and where soft boundaries lie (a "|" before). */
const cases: [string, string, string][] = [
  ['Plain text', 'plain text', 'plain text'],
  ['Zelenskyy’s ‘word’', "zelenskyy's 'word'", "zelenskyy's 'word'"],
  ['“quoted” «fr» „de“', '"quoted" "fr" "de"', '"quoted" "fr" "de"'],
  ['Ru\u00adbio Ze\u200blen\u200dsky', 'rubio zelensky', 'rubio zelensky'],
  ['a \u00a0\t\n b\u202fc', 'a b c', 'a b c'],
  ['cease-fire cease\u2011fire', 'ceasefire ceasefire', 'cease|fire cease|fire'],
  ['2010–2014 and — dash', '2010-2014 and - dash', '2010-2014 and - dash'],
  ['Trump-era - x', 'trumpera - x', 'trump|era - x'],
  ['ÉCOLE Ærø straße', 'ecole aero strasse', 'ecole aero strasse'],
  ['ﬁle ＡＢＣ', 'file abc', 'file abc'],
  ['Зеленський ЇЖАК', 'зеленськии іжак', 'зеленськии іжак'],
  ['Vladimir V. Putin', 'vladimir putin', 'vladimir putin'],
  ['George H. W. Bush', 'george bush', 'george bush'],
  ['J. D. Vance and J.D. Vance', 'j. d. vance and j.d. vance', 'j. d. vance and j.d. vance'],
  ['the A. Team; x V. Putin', 'the a. team; x v. putin', 'the a. team; x v. putin'],
  ['Vladimir V Putin, Vladimir VP Putin', 'vladimir putin, vladimir vp putin', 'vladimir putin, vladimir vp putin'],
];

describe('normalise', () => {
  it.each(cases)('%j', (original, text, soft) => {
    const n = normalise(original);
    expect(n.text).toBe(text);
    const marked = [...n.text].map((c, k) => (n.soft[k] ? `|${c}` : c)).join('');
    expect(marked).toBe(soft);
  });

  it.each(cases)('maps every character of %j back to its source', (original) => {
    const n = normalise(original);
    for (let k = 0; k < n.text.length; k++) {
      expect(n.from[k]).toBeLessThan(n.to[k]!);
      if (k > 0) expect(n.from[k]).toBeGreaterThanOrEqual(n.from[k - 1]!);
      // What a character came from normalises to a string containing it.
      expect(normalise(original.slice(n.from[k], n.to[k])).text).toContain(n.text[k]);
    }
  });

  it('keeps a combining mark with the letter it follows', () => {
    const original = 'Serguei\u0308 x';
    const n = normalise(original);
    expect(n.text).toBe('serguei x');
    expect(original.slice(n.from[6], n.to[6])).toBe('i\u0308');
  });

  it('handles characters outside the Basic Multilingual Plane', () => {
    const n = normalise('𝐓rump 🇺🇦');
    expect(n.text).toBe('trump 🇺🇦');
    expect([n.from[0], n.to[0]]).toEqual([0, 2]);
  });

  it('gives the original case and diacritics of a stretch', () => {
    const original = 'Sergueï LAVROV straße';
    const n = normalise(original);
    const d = detailOf(original, n);
    expect(d.shape).toBe('Serguei LAVROV strasse');
    expect(d.marks[6]).toBe('\u0308');
    expect(d.marks.filter((m) => m !== '')).toHaveLength(1);
  });
});

describe('normalise, shortcut for simple text', () => {
  // The shortcut must give exactly what the character-by-character path gives.
  const plainly = (n: ReturnType<typeof normalise>) => ({ text: n.text, from: [...n.from], to: [...n.to], soft: [...n.soft] });
  const samples = [
    'Donald Trump met Vladimir Putin in Paris.',
    '\u201cWe will not accept it,\u201d Zelensky said; the president\u2019s aides agreed.',
    'Vladimir V. Putin and George H. W. Bush', // middle initials: the full path
    'AB C. Dee', 'A B. Cee', 'x Ab C Dd', 'Ab C  Dd', 'Ab C.Dd',
    '\n    Zelensky met\n    Putin\n  ', 'Ab\n C.\n\tDd', 'a \u00a0\tb', 'cease-fire', 'Kyiv \u2014 the talks', 'Kyiv\u2014the talks', '2014\u201315', 'a\u00a0\u00a0b', 'Ab\u00a0C.\u00a0Dd', 'two  spaces', 'tab\there', '`quoted`', 'naïve', 'EU, UN and NATO',
    '', ' ', 'I. Am', 'The U.S. and U.K.',
  ];

  it.each(samples)('agrees with the full path on %j', (text) => {
    expect(plainly(normalise(text))).toEqual(plainly(normaliseFully(text)));
  });

  it('agrees with the full path on random text of the characters that matter', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const alphabet = ['A', 'B', 'v', 'w', '1', ' ', ' ', '.', ',', '-', '\u2014', '\u2019', '\u201c', '`', '\u00a0', 'é', '\n', '\t', '\r\n'];
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: rand(14) }, () => alphabet[rand(alphabet.length)]).join('');
      expect(plainly(normalise(text)), JSON.stringify(text)).toEqual(plainly(normaliseFully(text)));
    }
  });
});
