import { describe, expect, it } from 'vitest';
import { keyTrie } from '../../../src/core/match/key-trie';

/** Every occurrence by brute force, as [key, start, end]. */
function naive(keys: string[], text: string): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let start = 0; start < text.length; start++) {
    keys.forEach((k, i) => {
      if (text.startsWith(k, start)) out.push([i, start, start + k.length]);
    });
  }
  return out.sort((a, b) => a[1] - b[1] || a[2] - b[2]);
}

/** Every occurrence the trie finds, walking from every position a key opens at. */
function occurrences(keys: string[], text: string): [number, number, number][] {
  const trie = keyTrie(keys);
  const out: [number, number, number][] = [];
  for (let start = 0; start < text.length; start++) {
    if (trie.opens(text.charCodeAt(start))) trie.follow(text, start, (key, end) => out.push([key, start, end]));
  }
  return out;
}

const cases: [string[], string][] = [
  [['he', 'hers', 'his', 'she'], 'ushers and his sheep'],
  [['a', 'aa', 'aaa'], 'aaaa'],
  [['co r', 'marco rubio', 'rubio'], 'marco rubio, marco  rubio'],
  [['зеленськии', 'путін'], 'зеленськии і путін'],
  [['ab'], ''],
  [['ab'], 'a'],
  [[], 'anything'],
];

describe('keyTrie', () => {
  it.each(cases)('%j in %j', (keys, text) => {
    expect(occurrences(keys, text)).toEqual(naive(keys, text));
  });

  it('agrees with brute force on random texts', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const word = (len: number) => Array.from({ length: len }, () => 'abc'[rand(3)]).join('');
    for (let round = 0; round < 200; round++) {
      const keys = [...new Set(Array.from({ length: 1 + rand(8) }, () => word(1 + rand(4))))].sort();
      const text = word(rand(60));
      expect(occurrences(keys, text)).toEqual(naive(keys, text));
    }
  });

  it('says which units open a key, and no others', () => {
    const trie = keyTrie(['putin', 'зеленськии']);
    expect(['p', 'з', 'u', 'P', ' '].map((c) => trie.opens(c.charCodeAt(0)))).toEqual([true, true, false, false, false]);
  });
});
