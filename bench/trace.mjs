// @ts-check
/**
 * Chromium's own performance timeline (CDP tracing), read from outside the page: nothing is
 * added to the extension. The categories are those of the DevTools performance panel: every
 * task on the renderer's main thread with its start and duration, script evaluation with its
 * URL, microtask runs, scheduler.yield continuations, timers, input events and painting.
 *
 * Attribution: the benchmark serves pages with their own scripts turned off (server.mjs) and
 * evaluates nothing in the page while a trace records, so on the page's main thread every task
 * that runs JavaScript after Backstory's content script starts is Backstory's: its evaluation,
 * its replies from the background and storage, its timers and its scan's continuations.
 */

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

/**
 * Events inside a task that mean it ran JavaScript. Not `EventDispatch` on its own: the browser
 * dispatches the page's `load` and `pageshow`, and events inside a frame's layout, with no
 * listener to run (the page's scripts are off), and a listener that runs shows as a
 * `FunctionCall` inside it.
 */
const RUNS_SCRIPT = new Set([
  'EvaluateScript',
  'v8.compile',
  'FunctionCall',
  'RunMicrotasks',
  'RunYieldContinuation',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
]);

/**
 * @typedef {{ name: string, cat: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent
 * @typedef {{ start: number, end: number, ms: number, cpuMs: number }} Task  times in ms on the trace clock;
 *   `cpuMs` is the thread's CPU time in the task, which a busy machine does not inflate
 */

/**
 * Starts recording. Returns a function that stops and resolves to the events.
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<() => Promise<TraceEvent[]>>}
 */
export async function startTrace(cdp) {
  /** @type {TraceEvent[]} */
  const events = [];
  /** @param {{ value: object[] }} data */
  const collect = ({ value }) => void events.push(.../** @type {TraceEvent[]} */ (value));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    return events;
  };
}

/**
 * The main-thread tasks of the renderer in which `scriptUrl` first ran, from its first
 * evaluation on; each with whether it ran JavaScript.
 * @param {TraceEvent[]} events
 * @param {string} scriptUrl  e.g. chrome-extension://ID/content.js
 */
export function mainThreadTasks(events, scriptUrl) {
  const evaluations = events.filter((e) => e.name === 'EvaluateScript' && e.args?.data?.url === scriptUrl).sort((a, b) => a.ts - b.ts);
  const first = evaluations[0];
  if (!first) return null;
  const thread = events.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const tasks = thread.filter((e) => e.name === 'RunTask');
  /** @type {(Task & { script: boolean, names: Set<string> })[]} */
  const out = [];
  let i = 0;
  for (const t of tasks) {
    const end = t.ts + (t.dur ?? 0);
    if (end < first.ts) continue;
    while (i < thread.length && /** @type {TraceEvent} */ (thread[i]).ts < t.ts) i++;
    /** @type {Set<string>} */
    const names = new Set();
    for (let k = i; k < thread.length && /** @type {TraceEvent} */ (thread[k]).ts < end; k++) names.add(/** @type {TraceEvent} */ (thread[k]).name);
    out.push({ start: t.ts / 1000, end: end / 1000, ms: (t.dur ?? 0) / 1000, cpuMs: (/** @type {any} */ (t).tdur ?? t.dur ?? 0) / 1000, script: [...names].some((n) => RUNS_SCRIPT.has(n)), names });
  }
  return { scriptStart: first.ts / 1000, frames: new Set(evaluations.map((e) => e.args?.data?.frame)).size, tasks: out };
}

/**
 * A gap with none of the content script's tasks this long ends its wall time: what runs after it
 * is a watch it set (the second look at custom elements 0.5 s on, shadow-hosts.ts), not the
 * scan; its CPU still counts.
 */
export const IDLE_GAP_MS = 250;

/**
 * What the content script cost a page, from a trace of its load with nothing else running
 * script: start (its first evaluation) to the end of its last task before it fell idle
 * (IDLE_GAP_MS); the sum and the longest of
 * its tasks, in wall time (`busyMs`, `longestTaskMs`: what the page waits) and in the thread's
 * CPU time (`cpuMs`, `longestTaskCpuMs`: the work itself, which other programs on a busy
 * machine do not inflate). `traceEnd` is when recording stopped: if the last task ended less than `quietMs`
 * before it, the scan may not have finished, and `settled` says so.
 * @param {TraceEvent[]} events
 * @param {string} scriptUrl
 * @param {number} [quietMs]
 */
export function contentScriptCost(events, scriptUrl, quietMs = 300) {
  const found = mainThreadTasks(events, scriptUrl);
  if (!found) return null;
  const own = found.tasks.filter((t) => t.script);
  const last = own.at(-1);
  let traceEnd = 0;
  for (const e of events) if (e.ts > 0) traceEnd = Math.max(traceEnd, (e.ts + (e.dur ?? 0)) / 1000);
  const end = last ? last.end : found.scriptStart;
  // The end of the last task before the first idle gap, or of the last task.
  let busyEnd = end;
  for (let i = 1; i < own.length; i++) {
    const before = /** @type {typeof own[number]} */ (own[i - 1]);
    if (/** @type {typeof own[number]} */ (own[i]).start - before.end >= IDLE_GAP_MS) {
      busyEnd = before.end;
      break;
    }
  }
  return {
    wallMs: busyEnd - found.scriptStart,
    busyMs: own.reduce((s, t) => s + t.ms, 0),
    cpuMs: own.reduce((s, t) => s + t.cpuMs, 0),
    longestTaskMs: own.reduce((m, t) => Math.max(m, t.ms), 0),
    longestTaskCpuMs: own.reduce((m, t) => Math.max(m, t.cpuMs), 0),
    tasks: own.length,
    tasksOver50: own.filter((t) => t.ms > 50).length,
    tasksOver50Cpu: own.filter((t) => t.cpuMs > 50).length,
    frames: found.frames,
    settled: traceEnd - end >= quietMs,
  };
}

/**
 * Runs `evaluate` (which evaluates something in a page) under a minimal recording, tasks only,
 * and returns its value with the wall and CPU time of the longest task on a renderer's main
 * thread meanwhile: the evaluation's own task. Only task boundaries are recorded, so script that
 * calls back into itself per node (mark.js does) pays nothing for the recording.
 * @template T
 * @param {import('playwright-core').CDPSession} cdp @param {() => Promise<T>} evaluate
 * @returns {Promise<{ value: T, taskMs: number, taskCpuMs: number }>}
 */
export async function timedTask(cdp, evaluate) {
  /** @type {TraceEvent[]} */
  const events = [];
  /** @param {{ value: object[] }} data */
  const collect = ({ value }) => void events.push(.../** @type {TraceEvent[]} */ (value));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'], excludedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  let value;
  try {
    value = await evaluate();
  } finally {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
  }
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let longest = /** @type {TraceEvent | null} */ (null);
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`) && (!longest || (e.dur ?? 0) > (longest.dur ?? 0))) longest = e;
  }
  return {
    value: /** @type {T} */ (value),
    taskMs: (longest?.dur ?? NaN) / 1000,
    taskCpuMs: (/** @type {any} */ (longest)?.tdur ?? longest?.dur ?? NaN) / 1000,
  };
}
