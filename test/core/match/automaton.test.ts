import { describe, expect, it } from 'vitest';
import { buildAutomaton } from '../../../src/core/match/automaton';

/** Every occurrence by brute force, as [pattern, end]. */
function naive(patterns: string[], text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let end = 1; end <= text.length; end++) {
    patterns.forEach((p, i) => {
      if (end >= p.length && text.slice(end - p.length, end) === p) out.push([i, end]);
    });
  }
  return out;
}

function occurrences(patterns: string[], text: string): [number, number][] {
  const out: [number, number][] = [];
  buildAutomaton(patterns).scan(text, (p, end) => out.push([p, end]));
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

const cases: [string[], string][] = [
  [['he', 'she', 'his', 'hers'], 'ushers and his sheep'],
  [['a', 'aa', 'aaa'], 'aaaa'],
  [['rubio', 'marco rubio', 'co r'], 'marco rubio, marco  rubio'],
  [['зеленськии', 'путін'], 'зеленськии і путін'],
  [['ab'], ''],
];

describe('buildAutomaton', () => {
  it.each(cases)('%j in %j', (patterns, text) => {
    expect(occurrences(patterns, text)).toEqual(naive(patterns, text));
  });

  it('agrees with brute force on random texts', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const word = (len: number) => Array.from({ length: len }, () => 'abc'[rand(3)]).join('');
    for (let round = 0; round < 50; round++) {
      const patterns = [...new Set(Array.from({ length: 1 + rand(8) }, () => word(1 + rand(4))))];
      const text = word(rand(60));
      expect(occurrences(patterns, text)).toEqual(naive(patterns, text));
    }
  });
});
