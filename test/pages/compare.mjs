// @ts-check
/**
 * Pure comparisons for the real-pages run: one visit with the extension against one or two
 * visits without it. A difference only counts against the extension when the page itself
 * loads the same way twice without the extension; when its two baselines differ too, the
 * check is "varies" (inconclusive) unless the difference lies wholly in what the page keeps
 * stable.
 *
 * @typedef {{ nodes: string[], boxes: number[], boxAt: number[], sheets: number[], extent: number[], globals: string[], resources?: string[] }} Snapshot
 * @typedef {'same' | 'differs' | 'varies'} Status
 * @typedef {{ status: Status, detail?: string }} Finding
 */

/** Lines of the card host, as snapshotPage() writes them: a `backstory-card` child of <html>. */
const HOST_LINE = /^1 <backstory-card[ >]/;
const LOADER_LINE = /^\d+ <(?:script|iframe|link|style)[ #.>]/;

/**
 * A node list written so that the order of loader-inserted siblings (scripts, frames, links,
 * style elements) among their siblings does not matter: each node's children keep their order,
 * except that such elements, with all they hold, are taken out and sorted at the end.
 * @param {string[]} lines  depth-prefixed, in tree order, as snapshotPage() writes them
 * @returns {string}
 */
function loaderOrderFree(lines) {
  /** @typedef {{ line: string, kids: Tree[] }} Tree */
  /** @type {Tree} */
  const root = { line: '', kids: [] };
  /** @type {{ depth: number, tree: Tree }[]} */
  const open = [{ depth: -1, tree: root }];
  for (const line of lines) {
    const depth = Number(line.slice(0, line.indexOf(' ')));
    while (/** @type {{ depth: number }} */ (open[open.length - 1]).depth >= depth) open.pop();
    const tree = { line, kids: [] };
    /** @type {{ tree: Tree }} */ (open[open.length - 1]).tree.kids.push(tree);
    open.push({ depth, tree });
  }
  /** @param {Tree} t @returns {string} */
  const write = (t) => {
    const kids = t.kids.map((k) => ({ text: write(k), loose: LOADER_LINE.test(k.line) }));
    const fixed = kids.filter((k) => !k.loose).map((k) => k.text);
    const loose = kids.filter((k) => k.loose).map((k) => k.text).sort();
    return `${t.line}\n${[...fixed, ...loose].join('')}`;
  };
  return write(root);
}

/**
 * How many more times each item occurs in `list` than in the baseline that has the most of it.
 * @param {string[]} list
 * @param {string[][]} baselines
 * @returns {string[]}
 */
export function extras(list, baselines) {
  const count = (/** @type {string[]} */ l) => l.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), /** @type {Map<string, number>} */ (new Map()));
  const mine = count(list);
  const theirs = baselines.map(count);
  /** @type {string[]} */
  const out = [];
  for (const [item, n] of mine) {
    const allowed = Math.max(0, ...theirs.map((m) => m.get(item) ?? 0));
    for (let i = allowed; i < n; i += 1) out.push(item);
  }
  return out;
}

/** @param {unknown} a @param {unknown} b */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** @param {string[]} items @param {number} [max] */
const brief = (items, max = 3) =>
  items.slice(0, max).map((s) => (s.length > 140 ? `${s.slice(0, 140)}…` : s)).join(' | ') + (items.length > max ? ` (+${items.length - max} more)` : '');

/**
 * Lists that should hold nothing new with the extension: errors, console errors, requests,
 * global names. Compared as sets, after masking long numbers: the extension would add
 * something new, while how often a page repeats the same request or error depends on timing
 * (speculative loads, retries, timers).
 * @param {string[]} withExt
 * @param {string[]} baseline
 * @param {string[]} [baseline2] a second visit without the extension, when one was made
 * @returns {Finding}
 */
export function compareLists(withExt, baseline, baseline2) {
  const [a, b, c] = [withExt, baseline, baseline2 ?? null].map((l) => (l ? new Set(l.map(withoutLongNumbers)) : null));
  const added = [.../** @type {Set<string>} */ (a)].filter((x) => !b?.has(x) && !c?.has(x));
  if (added.length === 0) return { status: 'same' };
  const detail = `${added.length} new with the extension: ${brief(added)}`;
  const agree = !c || (b?.size === c.size && [.../** @type {Set<string>} */ (b)].every((x) => c.has(x)));
  if (agree) return { status: 'differs', detail };
  return { status: 'varies', detail: `${detail}; the page's own list changes between loads` };
}

/**
 * Long digit runs in URLs and messages are timestamps and cache-busters far more often than
 * anything the extension could cause; they are masked before lists are compared.
 * @param {string} line
 */
export const withoutLongNumbers = (line) => line.replace(/\d{6,}/g, '#');

/**
 * Takes the one card host out of a snapshot taken with a card open.
 * @param {Snapshot} snap
 * @returns {{ snap: Snapshot, hosts: number }}
 */
export function withoutHost(snap) {
  const hostLines = snap.nodes.flatMap((line, i) => (HOST_LINE.test(line) ? [i] : []));
  if (hostLines.length !== 1) return { snap, hosts: hostLines.length };
  const at = /** @type {number} */ (hostLines[0]);
  // The host's subtree is its closed shadow root, which the page cannot see: no lines follow it
  // at a greater depth, but drop any that do, so a leak into the light DOM shows as a difference.
  let end = at + 1;
  while (end < snap.nodes.length && Number((snap.nodes[end] ?? '').split(' ', 1)[0]) > 1) end += 1;
  const nodes = [...snap.nodes.slice(0, at), ...snap.nodes.slice(end)];
  const removed = end - at;
  const boxes = [];
  const boxAt = [];
  for (let e = 0; e < snap.boxAt.length; e += 1) {
    const line = /** @type {number} */ (snap.boxAt[e]);
    if (line >= at && line < end) continue;
    boxAt.push(line >= end ? line - removed : line);
    boxes.push(...snap.boxes.slice(e * 4, e * 4 + 4));
  }
  return { snap: { ...snap, nodes, boxes, boxAt }, hosts: 1 };
}

/**
 * The first place two node lists part, with a line either side, for the report.
 * @param {string[]} a with the extension
 * @param {string[]} b without
 */
function firstParting(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return `first difference at node ${i}: with "${a[i] ?? '(end)'}", without "${b[i] ?? '(end)'}"`;
}

/**
 * The DOM, node by node and in order.
 * @param {Snapshot} withExt
 * @param {Snapshot} baseline
 * @param {Snapshot} [baseline2]
 * @returns {Finding}
 */
export function compareDom(withExt, baseline, baseline2) {
  const a = withExt.nodes;
  const b = baseline.nodes;
  if (same(a, b) && same(withExt.sheets, baseline.sheets)) return { status: 'same' };
  const added = extras(a, [b]);
  const removed = extras(b, [a]);
  const detail = [
    `${a.length} nodes with the extension, ${b.length} without`,
    added.length ? `only with: ${brief(added)}` : '',
    removed.length ? `only without: ${brief(removed)}` : '',
    same(a, b) ? `style sheets: with ${withExt.sheets}, without ${baseline.sheets}` : firstParting(a, b),
  ].filter(Boolean).join('; ');
  if (same(withExt.sheets, baseline.sheets) && a.length === b.length && added.length === 0 && loaderOrderFree(a) === loaderOrderFree(b)) {
    // The same nodes, only in another order. Pages that add several async scripts or helper
    // frames insert them in whatever order their loaders race to; the extension never inserts
    // or moves <script>, <iframe>, <link> or <style> elements.
    const moved = a.filter((line, i) => line !== b[i] && LOADER_LINE.test(line)).length;
    return { status: 'same', detail: `the same nodes; ${moved} <script>, <iframe>, <link> or <style> elements the page inserts stand in another order` };
  }
  if (!baseline2 || (same(b, baseline2.nodes) && same(baseline.sheets, baseline2.sheets))) return { status: 'differs', detail };
  // The page changes its own DOM between loads. If it keeps its shape, compare the nodes it
  // keeps the same; otherwise nothing can be said.
  const c = baseline2.nodes;
  if (a.length === b.length && b.length === c.length) {
    const changed = a.flatMap((line, i) => (b[i] === c[i] && line !== b[i] ? [i] : []));
    if (changed.length === 0 && same(withExt.sheets, baseline.sheets)) {
      return { status: 'same', detail: `the page changes ${b.filter((l, i) => l !== c[i]).length} of its own nodes between loads; the rest match` };
    }
    if (changed.length > 0) {
      return { status: 'differs', detail: `${changed.length} nodes the page keeps stable differ: ${brief(changed.map((i) => `with "${a[i]}", without "${b[i]}"`))}` };
    }
  }
  return { status: 'varies', detail: `${detail}; the page's own DOM changes between loads` };
}

/**
 * Boxes of elements and text. Compared node by node where the DOM keeps its length: a box
 * counts when its node's line is the same in every visit and, with a second baseline, when
 * the page put it in the same place both times.
 * @param {Snapshot} withExt
 * @param {Snapshot} baseline
 * @param {Snapshot} [baseline2]
 * @returns {Finding}
 */
export function compareLayout(withExt, baseline, baseline2) {
  if (withExt.nodes.length !== baseline.nodes.length) return { status: 'varies', detail: 'not compared: the DOM differs' };
  const keepsLength = !baseline2 || baseline2.nodes.length === baseline.nodes.length;
  /** Each node's box by line, and the document's scroll position and size as line -1. */
  const byLine = (/** @type {Snapshot} */ s) => {
    /** @type {Map<number, string>} */
    const boxes = new Map([[-1, s.extent.join(',')]]);
    s.boxAt.forEach((line, e) => boxes.set(line, s.boxes.slice(e * 4, e * 4 + 4).join(',')));
    return boxes;
  };
  const [a, b] = [byLine(withExt), byLine(baseline)];
  const c = baseline2 && keepsLength ? byLine(baseline2) : null;
  const lineOf = (/** @type {Snapshot} */ s, /** @type {number} */ i) => (i === -1 ? 'document' : s.nodes[i]);
  /** @type {number[]} */
  const moved = [];
  let unstable = 0;
  let skipped = 0;
  let compared = 0;
  for (const [i, box] of b) {
    const sameNode = lineOf(withExt, i) === lineOf(baseline, i) && (!c || !baseline2 || lineOf(baseline2, i) === lineOf(baseline, i));
    if (!sameNode || !a.has(i) || (c && !c.has(i))) skipped += 1;
    else if (c && c.get(i) !== box) unstable += 1;
    else {
      compared += 1;
      if (a.get(i) !== box) moved.push(i);
    }
  }
  const describe = (/** @type {number} */ i) =>
    `${i === -1 ? 'document scroll and size' : (lineOf(withExt, i) ?? '').replace(/ \S+$/, '')} with [${a.get(i)}] without [${b.get(i)}]`;
  const besides = [unstable ? `${unstable} the page moves itself` : '', skipped ? `${skipped} whose node changed` : ''].filter(Boolean).join(', ');
  if (moved.length > 0) {
    const detail = `${moved.length} of ${compared} boxes (elements and text) differ${besides ? ` (not counting ${besides})` : ''}: ${brief(moved.map(describe))}`;
    if (!keepsLength) return { status: 'varies', detail: `${detail}; the page's own DOM changes between loads` };
    const scrolled = scrolledOnly(moved, a, b);
    if (scrolled) return { status: 'varies', detail: `${scrolled}; every other box is where that scroll puts it, or fixed in the window` };
    return { status: 'differs', detail };
  }
  if (besides) return { status: 'same', detail: `the rest match, not counting ${besides}` };
  return { status: 'same' };
}

/**
 * Where the only difference is the document's scroll position: what it is with and without the
 * extension, or null. Every moved box must then sit where that scroll moves a box (its size
 * the same), and the document's size must match; a box fixed in the window does not move. A
 * page that scrolls itself at a moment that depends on timing (an `autofocus` field, which the
 * browser scrolls into view when it gets to it) lands in different places from load to load.
 * @param {number[]} moved  lines of the boxes that differ, -1 for the document
 * @param {Map<number, string>} withExt @param {Map<number, string>} without  boxes by line
 */
function scrolledOnly(moved, withExt, without) {
  const numbers = (/** @type {string | undefined} */ box) => (box ?? '').split(',').map(Number);
  const [ax, ay, aw, ah] = numbers(withExt.get(-1));
  const [bx, by, bw, bh] = numbers(without.get(-1));
  if (!moved.includes(-1) || aw !== bw || ah !== bh) return null;
  const [dx, dy] = [/** @type {number} */ (bx) - /** @type {number} */ (ax), /** @type {number} */ (by) - /** @type {number} */ (ay)];
  const near = (/** @type {number} */ u, /** @type {number} */ v) => Math.abs(u - v) < 0.01;
  const follows = (/** @type {number} */ i) => {
    const [x, y, w, h] = numbers(withExt.get(i));
    const [x0, y0, w0, h0] = numbers(without.get(i));
    return near(/** @type {number} */ (x) - /** @type {number} */ (x0), dx) && near(/** @type {number} */ (y) - /** @type {number} */ (y0), dy) && w === w0 && h === h0;
  };
  if (!moved.every((i) => i === -1 || follows(i))) return null;
  return `the page is scrolled to (${ax}, ${ay}) with the extension and (${bx}, ${by}) without`;
}

/**
 * The worst of several findings: differs, then varies, then same.
 * @param {Finding[]} findings
 * @returns {Status}
 */
export function worst(findings) {
  if (findings.some((f) => f.status === 'differs')) return 'differs';
  if (findings.some((f) => f.status === 'varies')) return 'varies';
  return 'same';
}
