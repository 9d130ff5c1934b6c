import { describe, expect, it } from 'vitest';
import { PointerSpeed } from '../../src/core/pointer-speed';

/** Feeds [x, y, t] samples and returns whether the pointer counts as sweeping after each. */
function sweeping(samples: [number, number, number][]): boolean[] {
  const speed = new PointerSpeed();
  return samples.map(([x, y, t]) => {
    speed.sample(x, y, t);
    return speed.sweeping;
  });
}

describe('PointerSpeed', () => {
  it('measures px per ms between close samples', () => {
    const speed = new PointerSpeed();
    speed.sample(0, 0, 0);
    expect(speed.sample(3, 4, 10)).toBeCloseTo(0.5);
  });

  it('treats a quick pass across a line as a sweep', () => {
    expect(sweeping([[0, 100, 0], [40, 100, 16], [80, 100, 32]])).toEqual([false, true, true]);
  });

  it('treats slow reading movement as rest', () => {
    expect(sweeping([[0, 100, 0], [3, 100, 16], [5, 100, 32]])).toEqual([false, false, false]);
  });

  it('starts afresh after a pause longer than the sample gap', () => {
    expect(sweeping([[0, 0, 0], [40, 0, 16], [400, 0, 500]])).toEqual([false, true, false]);
  });

  it('ignores two events in the same instant', () => {
    const speed = new PointerSpeed();
    speed.sample(0, 0, 0);
    speed.sample(1, 0, 10);
    expect(speed.sample(50, 0, 10)).toBeCloseTo(0.1);
  });
});
