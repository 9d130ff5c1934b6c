/**
 * How fast the pointer is moving, from its recent positions. A pointer sweeping across text
 * moves faster than one that has come to rest on a word; cards open only for the latter.
 */

/** Above this speed the pointer is passing over text, not reading it (px per ms). */
export const SWEEP_SPEED = 0.5;
/** Samples further apart than this describe separate movements, not one (ms). */
const MAX_SAMPLE_GAP = 32;

export class PointerSpeed {
  #last: { x: number; y: number; t: number } | null = null;
  #speed = 0;

  /** Records a pointer position at time `t` (ms) and returns the current speed in px/ms. */
  sample(x: number, y: number, t: number): number {
    const last = this.#last;
    this.#last = { x, y, t };
    if (!last || t - last.t > MAX_SAMPLE_GAP || t <= last.t) {
      // A fresh movement, or two events in the same instant: nothing to measure against.
      if (!last || t - last.t > MAX_SAMPLE_GAP) this.#speed = 0;
      return this.#speed;
    }
    this.#speed = Math.hypot(x - last.x, y - last.y) / (t - last.t);
    return this.#speed;
  }

  get speed(): number {
    return this.#speed;
  }

  /** Whether the last movement was a sweep. */
  get sweeping(): boolean {
    return this.#speed > SWEEP_SPEED;
  }
}
