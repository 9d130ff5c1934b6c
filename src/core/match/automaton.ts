/**
 * An Aho–Corasick automaton: every pattern found in one left-to-right pass over a text, in time
 * linear in the text plus the number of occurrences, however many patterns there are.
 * https://doi.org/10.1145/360825.360855
 *
 * The content script builds it on every page, so building allocates almost nothing: the trie's
 * edges live in an open-addressing hash table over typed arrays, plus a direct table for the
 * root, whose edges are also the ones a scan follows most.
 */

export interface Automaton {
  /** Calls `found(pattern, end)` for every occurrence; `end` is exclusive. */
  scan(text: string, found: (pattern: number, end: number) => void): void;
}

/** `patterns` must be distinct and non-empty; a pattern's number is its index. */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const size = patterns.reduce((n, p) => n + p.length, 1);
  const root = new Int32Array(0x10000).fill(-1);
  // Edges of the other states: key (state, unit) → state, linear probing.
  let slots = 16;
  while (slots < size * 2) slots *= 2;
  const mask = slots - 1;
  const keyState = new Int32Array(slots).fill(-1);
  const keyUnit = new Uint16Array(slots);
  const value = new Int32Array(slots);
  const slotOf = (state: number, unit: number) => (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & mask;
  const get = (state: number, unit: number): number => {
    if (state === 0) return root[unit]!;
    for (let s = slotOf(state, unit); ; s = (s + 1) & mask) {
      const k = keyState[s]!;
      if (k === -1) return -1;
      if (k === state && keyUnit[s] === unit) return value[s]!;
    }
  };
  const set = (state: number, unit: number, to: number) => {
    if (state === 0) {
      root[unit] = to;
      return;
    }
    let s = slotOf(state, unit);
    while (keyState[s] !== -1) s = (s + 1) & mask;
    keyState[s] = state;
    keyUnit[s] = unit;
    value[s] = to;
  };

  // Children as linked lists, for the breadth-first pass below.
  const firstChild = new Int32Array(size).fill(-1);
  const nextSibling = new Int32Array(size);
  const unitOf = new Uint16Array(size);
  /** The pattern that ends exactly at a state, or -1. */
  const output = new Int32Array(size).fill(-1);
  let count = 1;

  for (let index = 0; index < patterns.length; index++) {
    const pattern = patterns[index]!;
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let to = get(state, unit);
      if (to === -1) {
        to = count++;
        set(state, unit, to);
        unitOf[to] = unit;
        nextSibling[to] = firstChild[state]!;
        firstChild[state] = to;
      }
      state = to;
    }
    output[state] = index;
  }

  const fail = new Int32Array(count);
  /** The nearest state down the failure chain that ends a pattern, or -1. */
  const outLink = new Int32Array(count).fill(-1);
  const queue = new Int32Array(count);
  let tail = 0;
  for (let c = firstChild[0]!; c !== -1; c = nextSibling[c]!) queue[tail++] = c;
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    for (let to = firstChild[state]!; to !== -1; to = nextSibling[to]!) {
      const unit = unitOf[to]!;
      let f = fail[state]!;
      let target = get(f, unit);
      while (target === -1 && f !== 0) {
        f = fail[f]!;
        target = get(f, unit);
      }
      fail[to] = target !== -1 && target !== to ? target : 0;
      outLink[to] = output[fail[to]!] !== -1 ? fail[to]! : outLink[fail[to]!]!;
      queue[tail++] = to;
    }
  }

  return {
    scan(text, found) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        let to = get(state, unit);
        while (to === -1 && state !== 0) {
          state = fail[state]!;
          to = get(state, unit);
        }
        state = to === -1 ? 0 : to;
        for (let s = output[state] !== -1 ? state : outLink[state]!; s !== -1; s = outLink[s]!) {
          found(output[s]!, i + 1);
        }
      }
    },
  };
}
