/**
 * An Aho–Corasick automaton: every pattern found in one left-to-right pass over a text, in time
 * linear in the text plus the number of occurrences, however many patterns there are.
 * https://doi.org/10.1145/360825.360855
 */

export interface Automaton {
  /** Calls `found(pattern, end)` for every occurrence; `end` is exclusive. */
  scan(text: string, found: (pattern: number, end: number) => void): void;
}

/** `patterns` must be distinct and non-empty; a pattern's number is its index. */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  // State 0 is the root. Transitions by UTF-16 code unit.
  const next: Map<number, number>[] = [new Map()];
  /** The pattern that ends exactly at a state, or -1. */
  const output: number[] = [-1];

  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const unit = pattern.charCodeAt(i);
      let to = next[state]!.get(unit);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        output.push(-1);
        next[state]!.set(unit, to);
      }
      state = to;
    }
    output[state] = index;
  });

  const count = next.length;
  const fail = new Int32Array(count);
  /** The nearest state down the failure chain that ends a pattern, or -1. */
  const outLink = new Int32Array(count).fill(-1);
  const queue: number[] = [];
  for (const to of next[0]!.values()) queue.push(to);
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [unit, to] of next[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next[f]!.has(unit)) f = fail[f]!;
      const target = next[f]!.get(unit);
      fail[to] = target !== undefined && target !== to ? target : 0;
      outLink[to] = output[fail[to]!] !== -1 ? fail[to]! : outLink[fail[to]!]!;
      queue.push(to);
    }
  }

  return {
    scan(text, found) {
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        let to = next[state]!.get(unit);
        while (to === undefined && state !== 0) {
          state = fail[state]!;
          to = next[state]!.get(unit);
        }
        state = to ?? 0;
        for (let s = output[state] !== -1 ? state : outLink[state]!; s !== -1; s = outLink[s]!) {
          found(output[s]!, i + 1);
        }
      }
    },
  };
}
