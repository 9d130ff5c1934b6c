/**
 * Keeps the page's mentions current: a first scan in short slices, then re-scans of only the
 * blocks that change. Each slice stops after a few milliseconds and yields to the page, so the
 * extension never holds the main thread for long.
 */
import type { Matcher } from '../core/match/matcher';
import { blockAncestor, textRuns } from './collect-text';
import { findMentions, type Mention } from './find-mentions';

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
  /** How long to wait for mutations to settle before re-scanning, in ms. */
  debounceMs?: number;
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Scanner {
  #o: Required<ScannerOptions>;
  #mentions = new Set<Mention>();
  #dirty = new Set<Node>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(options: ScannerOptions) {
    this.#o = { sliceMs: 8, debounceMs: 200, ...options };
  }

  get mentions(): ReadonlySet<Mention> {
    return this.#mentions;
  }

  /** Scans the whole body, then watches it. Resolves when the first scan is done. */
  start(): Promise<void> {
    const { doc, signal } = this.#o;
    const observer = new MutationObserver((records) => this.#onMutations(records));
    observer.observe(doc.documentElement, { childList: true, characterData: true, subtree: true });
    signal.addEventListener('abort', () => {
      observer.disconnect();
      clearTimeout(this.#timer);
    });
    return this.#enqueue([doc.body ?? doc.documentElement]);
  }

  #onMutations(records: MutationRecord[]): void {
    const host = this.#o.ownHost();
    for (const r of records) {
      // Appending our own host to <html> is not a page change.
      const nodes = [...r.addedNodes, ...r.removedNodes];
      if (host && nodes.length > 0 && nodes.every((n) => n === host)) continue;
      if (host?.contains(r.target)) continue;
      this.#dirty.add(r.target);
    }
    if (this.#dirty.size === 0) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const roots = outermost([...this.#dirty].map((n) => blockAncestor(n)));
      this.#dirty.clear();
      void this.#enqueue(roots);
    }, this.#o.debounceMs);
  }

  /** Scans run one after another, so two never interleave their changes. */
  #enqueue(roots: Node[]): Promise<void> {
    this.#running = this.#running.then(() => this.#scan(roots));
    return this.#running;
  }

  async #scan(roots: Node[]): Promise<void> {
    const { doc, matcher, onAdd, onRemove, signal, sliceMs } = this.#o;
    // Forget mentions inside the re-scanned roots, or whose text left the page.
    for (const m of this.#mentions) {
      if (m.nodes.some((n) => !n.isConnected) || roots.some((r) => r.contains(m.nodes[0]!))) {
        this.#mentions.delete(m);
        onRemove(m);
      }
    }
    let sliceStart = performance.now();
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const run of textRuns(root, { ownHost: this.#o.ownHost() })) {
        if (signal.aborted) return;
        for (const m of findMentions([run], matcher, doc)) {
          this.#mentions.add(m);
          onAdd(m);
        }
        if (performance.now() - sliceStart > sliceMs) {
          await yieldToPage();
          sliceStart = performance.now();
        }
      }
    }
  }
}

/** Drops every node that lies inside another in the list. */
function outermost(nodes: Node[]): Node[] {
  const unique = [...new Set(nodes)];
  return unique.filter((n) => !unique.some((o) => o !== n && o.contains(n)));
}
