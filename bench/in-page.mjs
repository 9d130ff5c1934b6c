// @ts-check
/**
 * Functions the benchmark evaluates in a page's main world, on pages where Backstory is off.
 * Each is self-contained (the driver serialises its source), takes one JSON-serialisable
 * argument and returns JSON.
 */

/**
 * The floor: a bare TreeWalker pass over the body that reads every text node's data, and
 * nothing else. `repeat` 0: one pass, the page's first walk since it loaded, as Backstory's scan
 * is. Otherwise passes until about 50 ms have been spent (at least `repeat`), for the warm cost.
 * @param {number} repeat
 * @returns {{ ms: number, passes: number, textNodes: number, chars: number }}
 */
export function floorPass(repeat) {
  const walk = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let nodes = 0;
    let chars = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes += 1;
      chars += /** @type {Text} */ (n).data.length;
    }
    return { nodes, chars };
  };
  let passes = 0;
  let last = { nodes: 0, chars: 0 };
  const t0 = performance.now();
  do {
    last = walk();
    passes += 1;
  } while (repeat > 0 && (passes < repeat || (performance.now() - t0 < 50 && passes < 1000)));
  return { ms: (performance.now() - t0) / passes, passes, textNodes: last.nodes, chars: last.chars };
}

/**
 * Resolves once the main thread has been idle for three idle periods in a row (about 150 ms
 * with nothing to run), or after `timeoutMs`.
 * @param {number} timeoutMs
 */
export function whenIdle(timeoutMs) {
  return new Promise((resolve) => {
    const until = performance.now() + timeoutMs;
    let quiet = 0;
    /** @param {IdleDeadline} deadline */
    const tick = (deadline) => {
      quiet = deadline.timeRemaining() >= 49 ? quiet + 1 : 0;
      if (quiet >= 3 || performance.now() > until) resolve(quiet >= 3);
      else requestIdleCallback(tick);
    };
    requestIdleCallback(tick);
  });
}

/** How many ranges Backstory's highlight holds, or -1 when it registered none. */
export function highlightCount() {
  const h = CSS.highlights.get('backstory-mention');
  return h ? h.size : -1;
}
