/**
 * Keeps the page's mentions current: a first scan of the body, then re-scans of only what
 * changed. All work runs in slices of a few milliseconds that yield to the page in between,
 * so no task of the extension holds the main thread for long, whatever the page's size: the
 * matcher compiles its aliases a few entities at a time, the walk pauses between runs (and every
 * few hundred nodes), a long run is matched window by window, and dropping old mentions is
 * chunked like the rest.
 *
 * Changes are collected by a MutationObserver whose callback only records what changed; the
 * re-scan starts once mutations pause (debounced), or after at most `maxWaitMs` on a page that
 * never stops changing. A re-scan keeps the mentions it finds again (same entity, same text
 * positions) instead of replacing them, so nothing flickers; mentions of removed nodes are
 * dropped.
 *
 * A re-scan costs what changed, not the size of what holds it. Changes are kept per block as the
 * block's changed children; each is walked with the inline siblings its runs can reach, up to the
 * nearest children that end runs (blocks, `<br>`, form fields). A paragraph added to a feed of a
 * thousand is walked alone; a changed text walks its paragraph; a removal walks only the inline
 * text left on either side of the gap, which may now join, and none if blocks flank it.
 *
 * Open shadow roots are scanned where the walk meets their hosts, and each is watched by the same
 * observer (mutations inside a shadow tree never reach an observer of the document). A custom
 * element met before its definition may get a shadow root when it is upgraded, which no
 * mutation reports: such elements are looked at again before each re-scan, and a few times on a
 * timer that backs off.
 */
import type { Matcher } from '../core/match/matcher';
import {
  blockAncestor,
  composedParent,
  editableValue,
  endsRun,
  scanRootFor,
  styleHides,
  textRuns,
  type CollectOptions,
  type Part,
  type TextRun,
} from './collect-text';
import { mentionsInRun, type Mention } from './find-mentions';
import { MAX_UNDEFINED, openShadowRoot, takeUpgraded, UPGRADE_CHECKS } from './shadow-hosts';
import { defaultYield } from './yield';

export interface ScannerOptions {
  doc: Document;
  matcher: Matcher;
  /** The extension's own UI host, never scanned; a getter because it is created lazily. */
  ownHost: () => Element | null;
  onAdd: (mention: Mention) => void;
  onRemove: (mention: Mention) => void;
  signal: AbortSignal;
  /** How long one slice may run before yielding, in ms. */
  sliceMs?: number;
  /** How long mutations must pause before a re-scan, in ms. */
  debounceMs?: number;
  /** The longest a change waits for its re-scan on a page that keeps changing, in ms. */
  maxWaitMs?: number;
  /** The clock slices are measured with (tests give their own). */
  now?: () => number;
  /** Gives the page the main thread until the next slice (tests give their own). */
  yieldToPage?: () => Promise<void>;
}

/** A run longer than this is matched in windows of this many characters, one per step. */
const WINDOW = 16_384;

/** The attributes whose change can show or hide text, or make it editable (see collect-text). */
const WATCHED_ATTRIBUTES = ['hidden', 'style', 'open', 'contenteditable'];

const OBSERVED: MutationObserverInit = {
  childList: true,
  characterData: true,
  subtree: true,
  attributeFilter: WATCHED_ATTRIBUTES,
  attributeOldValue: true,
};

/** Containers to scan again, each with its changed children, or null for all of it. */
type Dirty = Map<Node, Set<Node> | null>;

export class Scanner {
  #o: Required<ScannerOptions>;
  #mentions = new Set<Mention>();
  /** Every mention by each text node it touches. */
  #byNode = new Map<Text, Set<Mention>>();
  /** What to scan again: in each container, its changed children, or all of it (null). */
  #dirty: Dirty = new Map();
  #removed: Node[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstDirtyAt = 0;
  #running: Promise<void> = Promise.resolve();
  #sliceStart = 0;
  #observer: MutationObserver | null = null;
  #watchedRoots = new WeakSet<ShadowRoot>();
  /** Custom elements seen before their definition, without a shadow root. */
  #undefined = new Set<Element>();
  #upgradeTimer: ReturnType<typeof setTimeout> | undefined;
  #upgradeCheck = 0;
  #collect: CollectOptions = {
    onShadowRoot: (root) => this.#watch(root),
    onUndefinedElement: (el) => {
      if (this.#undefined.has(el) || this.#undefined.size >= MAX_UNDEFINED) return;
      this.#undefined.add(el);
      this.#upgradeCheck = 0; // new ones: look again soon
    },
  };

  constructor(options: ScannerOptions) {
    this.#o = {
      sliceMs: 8,
      debounceMs: 150,
      maxWaitMs: 1000,
      now: () => performance.now(),
      yieldToPage: defaultYield,
      ...options,
    };
  }

  get mentions(): ReadonlySet<Mention> {
    return this.#mentions;
  }

  /** Resolves when the scans started so far are done (a pending debounce is not waited for). */
  settled(): Promise<void> {
    return this.#running;
  }

  /**
   * Scans the whole body, then watches it. Resolves when the first scan is done. With `scope`,
   * the first scan takes only the parts of blocks that hold those text nodes, as if each had
   * changed: enough where every mention lies in a run with one of them, as the sieve ensures
   * (sieve-page.ts), and far cheaper on a long page that names someone once.
   */
  start(scope?: readonly Text[]): Promise<void> {
    const { doc, signal } = this.#o;
    const observer = new (doc.defaultView?.MutationObserver ?? MutationObserver)((records) => this.#onMutations(records));
    observer.observe(doc.documentElement, OBSERVED);
    this.#observer = observer;
    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearTimeout(this.#timer);
      clearTimeout(this.#upgradeTimer);
    });
    if (!scope) return this.#enqueue(new Map([[doc.body ?? doc.documentElement, null]]), []);
    const dirty: Dirty = new Map();
    for (const node of scope) if (node.isConnected) this.#changedWithin(node, dirty);
    return this.#enqueue(dirty, []);
  }

  /** Watches an open shadow root with the document's observer, once. */
  #watch(root: ShadowRoot): void {
    if (this.#watchedRoots.has(root) || !this.#observer) return;
    this.#watchedRoots.add(root);
    this.#observer.observe(root, OBSERVED);
  }

  /** After a scan, looks at undefined custom elements again a few times, further apart each time. */
  #scheduleUpgradeCheck(): void {
    clearTimeout(this.#upgradeTimer);
    this.#upgradeTimer = undefined;
    const delay = UPGRADE_CHECKS[this.#upgradeCheck];
    if (this.#undefined.size === 0 || delay === undefined || this.#o.signal.aborted) return;
    this.#upgradeTimer = setTimeout(() => {
      this.#upgradeTimer = undefined;
      this.#upgradeCheck++;
      const found = takeUpgraded(this.#undefined);
      if (found.length > 0) void this.#enqueue(new Map(found.map((el) => [el, null])), []);
      else this.#scheduleUpgradeCheck();
    }, delay);
  }

  /** Records what changed; cheap, because it runs on every batch of mutations. */
  #onMutations(records: MutationRecord[]): void {
    const host = this.#o.ownHost();
    for (const r of records) {
      // Appending our own host to <html> is not a page change.
      if (host && (host === r.target || host.contains(r.target))) continue;
      if (r.type === 'childList') {
        if (host && [...r.addedNodes, ...r.removedNodes].every((n) => n === host)) continue;
        this.#childrenChanged(r);
      } else if (r.type === 'characterData') {
        this.#changedWithin(r.target);
      } else if (r.type === 'attributes' && visibilityChanged(r)) {
        // Showing or hiding an element can join or split the text around it.
        this.#changedWithin(r.target);
      }
    }
    if (this.#dirty.size === 0 && this.#removed.length === 0) return;
    const now = this.#o.now();
    if (this.#timer === undefined) this.#firstDirtyAt = now;
    clearTimeout(this.#timer);
    const wait = Math.min(this.#o.debounceMs, Math.max(0, this.#firstDirtyAt + this.#o.maxWaitMs - now));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const dirty = this.#dirty;
      const removed = this.#removed;
      this.#dirty = new Map();
      this.#removed = [];
      void this.#enqueue(dirty, removed);
    }, wait);
  }

  /**
   * Children added to or removed from `r.target`. In a block, each added node is a changed child
   * (its runs, and those of the inline text beside it, are scanned again; its block siblings are
   * not), and a removal changes only the inline text it leaves on either side, which may now
   * join. Inside inline content, the change belongs to the block around it.
   */
  #childrenChanged(r: MutationRecord): void {
    const target = r.target;
    if (scanRootFor(target) !== target) {
      this.#changedWithin(target);
    } else {
      for (const n of r.addedNodes) this.#markChild(target, n);
      if (r.removedNodes.length > 0) {
        const ownHost = this.#o.ownHost();
        for (const side of [r.previousSibling, r.nextSibling]) {
          if (side && side.parentNode === target && !endsRun(side, { ownHost })) this.#markChild(target, side);
        }
      }
    }
    for (const n of r.removedNodes) this.#removed.push(n);
  }

  /** `node` changed (its text, or whether it shows): its part of the nearest block is dirty. */
  #changedWithin(node: Node, dirty = this.#dirty): void {
    const block = blockAncestor(node);
    if (block === node) return; // out of the page
    this.#markChild(block, childOf(block, node), dirty);
  }

  /** Marks `child` of `container` for a re-scan, unless all of `container` is marked already. */
  #markChild(container: Node, child: Node, dirty = this.#dirty): void {
    const changed = dirty.get(container);
    if (changed === null) return;
    if (changed) changed.add(child);
    else dirty.set(container, new Set([child]));
  }

  /** Scans run one after another, so two never interleave their changes. */
  #enqueue(dirty: Dirty, removed: Node[]): Promise<void> {
    this.#running = this.#running
      .then(() => this.#scan(dirty, removed))
      .then(() => this.#scheduleUpgradeCheck());
    return this.#running;
  }

  /**
   * Whether to call #pause: the slice is used up, or the scanner was stopped. Checked before
   * awaiting, because an await costs a turn of the microtask queue even when nothing waits, and
   * the scan checks after every run.
   */
  #due(): boolean {
    return this.#o.now() - this.#sliceStart > this.#o.sliceMs || this.#o.signal.aborted;
  }

  /** Yields when the current slice has used its time; false once the scanner is stopped. */
  async #pause(): Promise<boolean> {
    if (this.#o.now() - this.#sliceStart > this.#o.sliceMs) {
      await this.#o.yieldToPage();
      this.#sliceStart = this.#o.now();
    }
    return !this.#o.signal.aborted;
  }

  async #scan(dirty: Dirty, removed: Node[]): Promise<void> {
    const { matcher, now, sliceMs } = this.#o;
    this.#sliceStart = now();
    // Compiling the aliases is work too: done in slices before the first scan needs it.
    while (matcher.prepare && !matcher.prepare(() => now() - this.#sliceStart > sliceMs)) {
      await this.#o.yieldToPage();
      this.#sliceStart = now();
      if (this.#o.signal.aborted) return;
    }
    for (const node of removed) {
      for (const text of textNodes(node)) {
        this.#dropNode(text);
        if (this.#due() && !(await this.#pause())) return;
      }
    }
    // A re-scan follows a change on the page: a moment elements may have been upgraded too.
    if (this.#undefined.size > 0) for (const el of takeUpgraded(this.#undefined)) dirty.set(el, null);
    // The containers share most of their ancestors: each is asked whether it hides them once
    // per scan. One the page hides or shows meanwhile is observed, and scanned again after.
    const excluded = new Map<Node, boolean>();
    const uncovered = new Set<Node>();
    for (const [container, changed] of dirty) {
      if (!container.isConnected || coveredAbove(container, dirty, uncovered)) continue;
      if (changed === null) {
        if (!(await this.#rescan(container, undefined, excluded))) return;
        continue;
      }
      // Each changed child with the inline siblings its runs may reach, bounded by children that
      // end runs: a paragraph added to a feed is scanned alone, not with the whole feed.
      const done = new Set<Node>();
      for (const child of changed) {
        if (child.parentNode !== container || done.has(child)) continue;
        const part = await this.#stretch(child, done);
        if (!part) return;
        if (!(await this.#rescan(container, part, excluded))) return;
      }
    }
  }

  /** The part of its parent around `child` whose runs a change of `child` can alter. */
  async #stretch(child: Node, done: Set<Node>): Promise<Part | null> {
    const options = { ownHost: this.#o.ownHost() };
    done.add(child);
    let first = child;
    let last = child;
    for (let n = first.previousSibling; n && !endsRun(n, options); n = n.previousSibling) {
      done.add((first = n));
      if (this.#due() && !(await this.#pause())) return null;
    }
    for (let n = last.nextSibling; n && !endsRun(n, options); n = n.nextSibling) {
      done.add((last = n));
      if (this.#due() && !(await this.#pause())) return null;
    }
    return { first, last };
  }

  /** Scans `root` (or a part of its children) again; false if the scanner stopped meanwhile. */
  async #rescan(root: Node, part?: Part, excluded?: Map<Node, boolean>): Promise<boolean> {
    const { doc, matcher, onAdd } = this.#o;
    // What was found here before, by where it lies, to keep what is found again.
    const before = new Map<string, Mention>();
    if (this.#byNode.size > 0) {
      for (const text of part ? partTextNodes(part) : textNodes(root)) {
        for (const m of this.#byNode.get(text) ?? []) before.set(signature(m), m);
        if (this.#due() && !(await this.#pause())) return false;
      }
    }

    const runs = textRuns(root, { ...this.#collect, ownHost: this.#o.ownHost(), excluded }, part);
    for (let step = runs.next(); ; step = runs.next()) {
      if (step.done) {
        if (step.value === 'interrupted' && root.isConnected) {
          // The page removed the node the walk had reached: walk this again, later.
          if (!part) this.#dirty.set(root, null);
          for (let n: Node | null = part?.first ?? null; n; n = n === part!.last ? null : n.nextSibling) {
            if (n.parentNode === root) this.#markChild(root, n);
          }
          this.#onMutations([]);
        }
        break;
      }
      const run: TextRun | null = step.value;
      if (run) {
        for (let from = 0; from < run.text.length; from += WINDOW) {
          const window = run.text.length > WINDOW ? { from, to: Math.min(run.text.length, from + WINDOW) } : undefined;
          for (const m of mentionsInRun(run, matcher, doc, window)) {
            const key = signature(m);
            if (before.has(key)) {
              before.delete(key);
            } else {
              this.#add(m);
              onAdd(m);
            }
          }
          if (this.#due() && !(await this.#pause())) return false;
        }
      } else if (this.#due() && !(await this.#pause())) {
        return false;
      }
    }
    for (const m of before.values()) {
      this.#remove(m);
      // A mention that reached past what was scanned leaves text there whose runs changed too.
      for (const node of m.nodes) if (node.isConnected && !within(node, root, part)) this.#changedWithin(node);
    }
    if (this.#dirty.size > 0 && this.#timer === undefined) this.#onMutations([]);
    return true;
  }

  #add(m: Mention): void {
    this.#mentions.add(m);
    for (const node of m.nodes) {
      const set = this.#byNode.get(node);
      if (set) set.add(m);
      else this.#byNode.set(node, new Set([m]));
    }
  }

  #remove(m: Mention): void {
    if (!this.#mentions.delete(m)) return;
    for (const node of m.nodes) {
      const set = this.#byNode.get(node);
      set?.delete(m);
      if (set?.size === 0) this.#byNode.delete(node);
    }
    this.#o.onRemove(m);
  }

  #dropNode(node: Text): void {
    const set = this.#byNode.get(node);
    if (!set) return;
    for (const m of [...set]) {
      // A node moved elsewhere in the page is re-scanned where it landed.
      this.#remove(m);
    }
  }
}

/** Whether an attribute change can show, hide or make editable what it applies to. */
function visibilityChanged(r: MutationRecord): boolean {
  const now = (r.target as Element).getAttribute(r.attributeName ?? '');
  const old = r.oldValue;
  // A record whose old and new values are both absent is a removal reported without its old
  // value (happy-dom does so); assume the worst.
  if (old === null && now === null) return true;
  switch (r.attributeName) {
    case 'style':
      return styleHides(old) !== styleHides(now);
    case 'contenteditable':
      return editableValue(old) !== editableValue(now);
    default: // hidden, open
      return (old === null) !== (now === null);
  }
}

/** Where a mention lies, as a key that survives re-scans of unchanged text. */
const ids = new WeakMap<Node, number>();
let nextId = 1;
function idOf(node: Node): number {
  let id = ids.get(node);
  if (id === undefined) ids.set(node, (id = nextId++));
  return id;
}
function signature(m: Mention): string {
  const r = m.range;
  return `${m.entityId} ${idOf(r.startContainer)}:${r.startOffset} ${idOf(r.endContainer)}:${r.endOffset}`;
}

/** The text nodes under `node` (or `node` itself), skipped parts and open shadow trees included. */
function* textNodes(node: Node): Generator<Text> {
  if (node.nodeType === 3) {
    yield node as Text;
    return;
  }
  const doc = node.ownerDocument;
  if (!doc) return;
  const walker = doc.createTreeWalker(node, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === 3) yield n as Text;
    else if (n.nodeType === 1) {
      const shadow = openShadowRoot(n as Element);
      if (shadow) yield* textNodes(shadow);
    }
  }
}

/** The text nodes of a part's children, their open shadow trees included. */
function* partTextNodes({ first, last }: Part): Generator<Text> {
  for (let n: Node | null = first; n; n = n === last ? null : n.nextSibling) yield* textNodes(n);
}

/** The child of `container` that holds `node`. */
function childOf(container: Node, node: Node): Node {
  let child = node;
  while (child.parentNode && child.parentNode !== container) child = child.parentNode;
  return child;
}

/** Whether `node` lies in `root` (in `part` of its children, if given), shadow trees included. */
function within(node: Node, root: Node, part?: Part): boolean {
  let child: Node | null = node;
  for (let p = composedParent(node); p && p !== root; p = composedParent(p)) child = p;
  if (!child || composedParent(child) !== root) return child === root;
  if (!part) return true;
  for (let n: Node | null = part.first; n; n = n === part.last ? null : n.nextSibling) if (n === child) return true;
  return false;
}

/**
 * Whether a scan of some container above `node` already covers it: one scanned whole, or one
 * whose changed child holds `node` (that child is walked whole). `uncovered` holds ancestors
 * found before to have nothing above them that covers them, kept over one scan: a climb stops
 * at one, so containers that share their ancestors read each of them once. (If the page moves
 * a node meanwhile, the worst a stale entry can do is let a covered container be scanned twice.)
 */
function coveredAbove(node: Node, dirty: Dirty, uncovered: Set<Node>): boolean {
  const path: Node[] = [];
  for (let child = node, p = composedParent(node); p; child = p, p = composedParent(p)) {
    const changed = dirty.get(p);
    if (changed === null || changed?.has(child)) return true;
    if (uncovered.has(p)) break;
    path.push(p);
  }
  for (const p of path) uncovered.add(p);
  return false;
}
