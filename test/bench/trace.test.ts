/**
 * The benchmark's attribution of main-thread tasks to a content script (bench/trace.mjs), on
 * hand-made trace events: a task counts as the script's only where JavaScript ran in it.
 */
import { describe, expect, it } from 'vitest';
import { contentScriptCost, mainThreadTasks } from '../../bench/trace.mjs';

const URL = 'chrome-extension://id/content.js';
const on = { pid: 1, tid: 1, ph: 'X', cat: 'devtools.timeline' };
/** A task at `ts` µs of `dur` µs, `tdur` of it CPU, holding events of `names`. */
const task = (ts: number, dur: number, tdur: number, names: string[], args: object = {}) => [
  { ...on, name: 'RunTask', ts, dur, tdur },
  ...names.map((name, i) => ({ ...on, name, ts: ts + 1 + i, dur: 1, args })),
];

describe('mainThreadTasks and contentScriptCost', () => {
  const events = [
    ...task(1_000, 5_000, 4_000, ['EvaluateScript', 'v8.compile'], { data: { url: URL } }),
    // The page's load event, with no listener: not the script's.
    ...task(8_000, 600, 500, ['EventDispatch', 'EventDispatch']),
    // A frame's layout with an event dispatched in it: not the script's either.
    ...task(12_000, 20_000, 19_000, ['Layout', 'EventDispatch', 'Paint']),
    // A listener of the script's that ran: its FunctionCall says so.
    ...task(40_000, 2_000, 1_500, ['EventDispatch', 'FunctionCall']),
    ...task(50_000, 1_000, 800, ['RunMicrotasks']),
    // Long after: the recording ran on, quiet.
    { ...on, name: 'RunTask', ts: 900_000, dur: 10, tdur: 10 },
  ];

  it('counts only tasks in which JavaScript ran', () => {
    const found = mainThreadTasks(events as never, URL)!;
    expect(found.tasks.filter((t) => t.script).map((t) => t.start)).toEqual([1, 40, 50]);
  });

  it('sums their wall and CPU time, from the first evaluation to the end of the last', () => {
    const cost = contentScriptCost(events as never, URL)!;
    expect(cost).toMatchObject({ busyMs: 8, longestTaskCpuMs: 4, tasks: 3, settled: true });
    expect(cost.cpuMs).toBeCloseTo(6.3, 6);
    // From the evaluation (1 µs into the first task) to the end of the microtasks' task.
    expect(cost.wallMs).toBeCloseTo(49.999, 6);
  });

  it('ends the wall time where the script fell idle, and counts what ran later as CPU', () => {
    const watched = [
      ...events.slice(0, -1),
      // A timer the script set half a second later: a watch, not the scan.
      ...task(600_000, 1_500, 1_200, ['TimerFire', 'FunctionCall']),
      { ...on, name: 'RunTask', ts: 1_500_000, dur: 10, tdur: 10 },
    ];
    const cost = contentScriptCost(watched as never, URL)!;
    expect(cost.wallMs).toBeCloseTo(49.999, 6);
    expect(cost.cpuMs).toBeCloseTo(7.5, 6);
    expect(cost.tasks).toBe(4);
  });
});
