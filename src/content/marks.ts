/**
 * Which mentions are painted, under the density and kinds settings. Every mention of an enabled
 * kind stays hoverable; density only decides what is painted: the first mention of each entity
 * in document order (the default), all of them, or none.
 */
import type { Density } from '../core/settings';
import type { Mention } from './find-mentions';
import type { Painter } from './highlights';

const START_TO_START = 0; // Range.START_TO_START, without needing the global
const before = (a: Mention, b: Mention) => a.range.compareBoundaryPoints(START_TO_START, b.range) < 0;

export class Marks {
  #painter: Painter;
  #density: Density;
  #all = new Set<Mention>();
  /** With density "first": the painted mention of each entity. */
  #first = new Map<string, Mention>();

  constructor(painter: Painter, density: Density) {
    this.#painter = painter;
    this.#density = density;
  }

  add(mention: Mention): void {
    this.#all.add(mention);
    if (this.#density === 'all') this.#painter.add(mention.range);
    if (this.#density !== 'first') return;
    const first = this.#first.get(mention.entityId);
    if (first && !before(mention, first)) return;
    if (first) this.#painter.delete(first.range);
    this.#first.set(mention.entityId, mention);
    this.#painter.add(mention.range);
  }

  delete(mention: Mention): void {
    if (!this.#all.delete(mention)) return;
    this.#painter.delete(mention.range);
    if (this.#first.get(mention.entityId) !== mention) return;
    this.#first.delete(mention.entityId);
    // The next mention of the same entity takes its place.
    let next: Mention | null = null;
    for (const m of this.#all) {
      if (m.entityId === mention.entityId && (!next || before(m, next))) next = m;
    }
    if (next) {
      this.#first.set(next.entityId, next);
      this.#painter.add(next.range);
    }
  }

  setDensity(density: Density): void {
    if (density === this.#density) return;
    this.#density = density;
    const mentions = [...this.#all];
    this.clear();
    for (const m of mentions) this.add(m);
  }

  clear(): void {
    this.#all.clear();
    this.#first.clear();
    this.#painter.clear();
  }
}
