/**
 * The aliases' keys as a trie that costs nothing to build: the keys sorted (compileAliases sorts
 * them at build time), where a state is the range of keys that share the prefix read so far and
 * a step narrows the range by binary search on the next character. A page used to build an
 * Aho–Corasick automaton over the same keys on every load, which was most of the content
 * script's fixed cost (docs/decisions/006).
 *
 * A mention starts at a word start, so no failure links are needed: the search walks the trie
 * from each position where a key could start (`follow`) and stops where the range empties, which is
 * almost always at the first or second character. One pass over the text, never a loop over
 * the aliases.
 */

export interface KeyTrie {
  /** Whether some key starts with this UTF-16 unit. */
  opens(unit: number): boolean;
  /** Calls `found(key, end)` for every key that occurs in `text` at `start`, shortest first. */
  follow(text: string, start: number, found: (key: number, end: number) => void): void;
}

/**
 * `keys` must be distinct, non-empty and sorted by UTF-16 code units (the default sort), as
 * compileAliases makes them at build time; unsorted keys are searched wrongly, and the page does
 * not spend time checking.
 */
export function keyTrie(keys: readonly string[]): KeyTrie {
  // The first step is the most frequent (every word start) and needs no search: the range of
  // keys that open with each unit, as 1 + an index into `openLo`/`openHi` (0: none).
  const opening = new Uint16Array(0x10000);
  const openLo: number[] = [];
  const openHi: number[] = [];
  for (let k = 0; k < keys.length; k++) {
    const unit = keys[k]!.charCodeAt(0);
    if (opening[unit] === 0) {
      openLo.push(k);
      openHi.push(k);
      opening[unit] = openLo.length;
    }
    openHi[opening[unit]! - 1] = k + 1;
  }

  /** The first key in [lo, hi) whose unit at `depth` is at least `unit` (all are longer than depth). */
  const lowerBound = (lo: number, hi: number, depth: number, unit: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]!.charCodeAt(depth) < unit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    opens: (unit) => opening[unit] !== 0,
    follow(text, start, found) {
      const open = opening[text.charCodeAt(start)]!;
      if (open === 0) return;
      let lo = openLo[open - 1]!;
      let hi = openHi[open - 1]!;
      for (let depth = 0; ; ) {
        // The key that ends here sorts before the longer keys it begins.
        if (keys[lo]!.length === depth + 1) {
          found(lo, start + depth + 1);
          lo++;
          if (lo === hi) return;
        }
        depth++;
        if (start + depth >= text.length) return;
        const unit = text.charCodeAt(start + depth);
        lo = lowerBound(lo, hi, depth, unit);
        hi = lowerBound(lo, hi, depth, unit + 1);
        if (lo === hi) return;
      }
    },
  };
}
