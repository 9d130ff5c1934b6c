import { describe, expect, it } from 'vitest';
import { cyrillicForms } from '../../../src/core/match/cyrillic-forms';
import { anyForm, compileAliases, compileMatcher, inContext, matcherFor, plainForm, type CompiledAliases, type MatcherEntity } from '../../../src/core/match/matcher';
import { topicVariants } from '../../../src/core/match/topic-variants';
import data from './matcher-cases.json';

const cases = data;

type Case = [text: string, expected: [string, string][]];
const entities = data.entities as MatcherEntity[];
const rules = data.rules as unknown as Record<string, Case[]>;
const matcher = compileMatcher(entities);

const found = (text: string) => matcher.findAll(text).map((m) => [text.slice(m.start, m.end), m.entityId]);

describe('compileMatcher, rule by rule (matcher-cases.json)', () => {
  for (const [rule, cases] of Object.entries(rules)) {
    describe(rule, () => {
      it.each(cases)('%j', (text, expected) => {
        expect(found(text)).toEqual(expected);
      });
    });
  }
});

describe('compileMatcher', () => {
  it('reports UTF-16 offsets into the original text', () => {
    const text = 'Talks: Marco\u00a0 Rubio, again. 🇺🇦 Zelen\u00adsky.';
    expect(matcher.findAll(text)).toEqual([
      { entityId: 'marco-rubio', start: 7, end: 19 },
      { entityId: 'volodymyr-zelensky', start: 33, end: 42 },
    ]);
  });

  it('returns mentions in order, never overlapping', () => {
    const text = Object.values(rules).flat().map(([t]) => t).join(' | ');
    const all = matcher.findAll(text);
    expect(all.length).toBeGreaterThan(50);
    for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
  });

  it('finds in a window exactly what a whole-text search finds starting there', () => {
    const text = Object.values(rules).flat().map(([t]) => t).join(' ').repeat(3);
    const whole = matcher.findAll(text);
    for (const size of [7, 50, 333]) {
      const pieces = [];
      for (let from = 0; from < text.length; from += size) {
        pieces.push(...matcher.findAll(text, { from, to: Math.min(text.length, from + size) }));
      }
      expect(pieces).toEqual(whole);
    }
  });

  it('prepares ahead of use when there is time, to the same result', () => {
    const ahead = compileMatcher(entities);
    expect(ahead.prepare!(() => true)).toBe(false);
    expect(ahead.prepare!(() => false)).toBe(true);
    const text = Object.values(rules).flat().map(([t]) => t).join(' | ');
    expect(ahead.findAll(text)).toEqual(matcher.findAll(text));
  });

  it('compiles keys sorted and distinct, as the trie needs them', () => {
    const { keys } = compileAliases(entities);
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
  });

  it('matches the same after its compiled aliases go through JSON, as the content script gets them', () => {
    const shipped = matcherFor(JSON.parse(JSON.stringify(compileAliases(entities))) as CompiledAliases);
    const text = Object.values(rules).flat().map(([t]) => t).join(' | ');
    expect(shipped.findAll(text)).toEqual(matcher.findAll(text));
  });

  it('leaves out the entities `include` rejects, and their namesakes, as if compiled without them', () => {
    const compiled = compileAliases(entities);
    const text = Object.values(rules).flat().map(([t]) => t).join(' | ');
    for (const dropped of entities) {
      const kept = entities.filter((e) => e !== dropped);
      expect(matcherFor(compiled, (id) => id !== dropped.id).findAll(text)).toEqual(compileMatcher(kept).findAll(text));
    }
  });

  it('matches nothing when there are no entities', () => {
    expect(compileMatcher([]).findAll('Trump')).toEqual([]);
  });

  it('treats aliases as proper names when no case rule is given', () => {
    const m = compileMatcher([{ id: 'trump', aliases: ['Trump'], namesakes: [] }]);
    expect(m.findAll('Trump and trump').map((x) => x.start)).toEqual([0]);
  });

  it('treats regular-expression characters in aliases literally', () => {
    const dotted = compileMatcher([{ id: 'jd-vance', aliases: ['J.D. Vance'], namesakes: [] }]);
    expect(dotted.findAll('JxDx Vance and J.D. Vance')).toEqual([{ entityId: 'jd-vance', start: 15, end: 25 }]);
  });

  it('keeps a following "Jr." when the covered person is the junior', () => {
    const junior = compileMatcher([
      { id: 'rfk-jr', aliases: ['Robert F. Kennedy Jr.', 'Kennedy'], namesakes: [], caseRule: 'proper' },
    ]);
    const text = 'Robert F. Kennedy Jr. and Kennedy Jr.';
    expect(junior.findAll(text).map((m) => text.slice(m.start, m.end))).toEqual(['Robert F. Kennedy Jr.', 'Kennedy']);
  });

  it('lets a proper name win a spelling it shares with a topic, by case', () => {
    const both = compileMatcher([
      { id: 'putin', aliases: ['Poutine'], namesakes: [], caseRule: 'proper' },
      { id: 'poutine-dish', aliases: ['poutine'], namesakes: [], caseRule: 'any' },
    ]);
    expect(both.findAll('Poutine dit; a poutine').map((m) => m.entityId)).toEqual(['putin', 'poutine-dish']);
  });
});

describe('context aliases', () => {
  const sanctions: MatcherEntity[] = [
    { id: 'sanctions', aliases: ['Sanctions on Russia', 'sanctions'], contextAliases: ['sanctions'], namesakes: [], caseRule: 'any' },
    { id: 'putin', aliases: ['Putin'], namesakes: [], caseRule: 'proper' },
  ];
  const m = matcherFor(JSON.parse(JSON.stringify(compileAliases(sanctions))) as CompiledAliases);
  const found = (text: string) => inContext(m.findAll(text)).map((x) => text.slice(x.start, x.end));

  it('flag what a context alias found, and nothing else', () => {
    expect(m.findAll('Putin faces sanctions').map((x) => x.contextual ?? false)).toEqual([false, true]);
    expect(m.findAll('new Sanctions on Russia').map((x) => x.contextual ?? false)).toEqual([false]);
  });

  it('count beside an ordinary mention of any entity, theirs included, and not alone', () => {
    expect(found('Putin faces new sanctions')).toEqual(['Putin', 'sanctions']);
    expect(found('Sanctions on Russia, and more sanctions')).toEqual(['Sanctions on Russia', 'sanctions']);
    expect(found('UN sanctions on North Korea')).toEqual([]);
  });
});

describe('plainForm', () => {
  const spellings = [
    ...cases.entities.flatMap((e) => [...e.aliases, ...e.namesakes]),
    ...cyrillicForms('Володимир Зеленський'), ...cyrillicForms('Сергій Лавров'), ...cyrillicForms('Юлія Свириденко'),
    ...topicVariants('cease-fire'), ...topicVariants('peace centre'), 'Ґедзь Єва', 'ІВАННА',
  ];
  const plain = spellings.filter((s) => /^[A-Za-zА-ИК-Яа-ик-яІіЄєҐґ]{2,}(?: [A-Za-zА-ИК-Яа-ик-яІіЄєҐґ]{2,})*$/.test(s));

  it('covers most spellings', () => expect(plain.length).toBeGreaterThan(spellings.length / 2));

  it.each(plain)('spells %s as full normalisation does', (spelling) => {
    expect(plainForm(spelling)).toEqual(anyForm(spelling, true));
  });
});
