/**
 * How firefox.mjs reads a Gecko profile (the raw format of Services.profiler.getProfileDataAsync):
 * each sample's CPU goes to the outermost script of the extension on its stack, else to Firefox's
 * extension machinery, else to nobody; only the page's process counts.
 */
import { describe, expect, it } from 'vitest';
import { attribute, keyTimes } from '../../bench/firefox.mjs';

const HOST = 'abc-123';

/** A GeckoMain thread whose samples have these stacks (outermost frame first) and CPU (ms). */
function thread(pid: number, samples: { stack: string[]; ms: number }[]) {
  const strings: string[] = [];
  const frames: number[][] = [];
  const stacks: (number | null)[][] = [];
  const stackOf = (path: string[]): number | null => {
    let prefix: number | null = null;
    for (const where of path) {
      let s = strings.indexOf(where);
      if (s < 0) s = strings.push(where) - 1;
      let f = frames.findIndex((fr) => fr[0] === s);
      if (f < 0) f = frames.push([s]) - 1;
      let k = stacks.findIndex(([p, fr]) => p === prefix && fr === f);
      if (k < 0) k = stacks.push([prefix, f]) - 1;
      prefix = k;
    }
    return prefix;
  };
  const data = samples.map(({ stack, ms }, i) => [stack.length ? stackOf(stack) : null, i * 0.2, ms * 1e6]);
  return {
    name: 'GeckoMain',
    pid,
    samples: { schema: { stack: 0, time: 1, threadCPUDelta: 2 }, data },
    stackTable: { schema: { prefix: 0, frame: 1 }, data: stacks },
    frameTable: { schema: { location: 0 }, data: frames },
    stringTable: strings,
  };
}

const own = (file: string, fn = 'f') => `${fn} (moz-extension://${HOST}/${file}:1:20)`;
const other = `g (moz-extension://other-host/content.js:1:5)`;
const machinery = 'injectInto (resource://gre/modules/ExtensionContent.sys.mjs:900:4)';

describe('attribute', () => {
  const page = thread(42, [
    { stack: ['0x7f01', own('content.js'), '0x7f02'], ms: 1 },
    { stack: [own('content.js', 'main'), 'exec (self-hosted:1:1)', own('scan.js')], ms: 2 },
    { stack: [machinery, own('content.js')], ms: 0.5 },
    { stack: [machinery, '0x7f03'], ms: 0.25 },
    { stack: [other], ms: 4 },
    { stack: ['0x7f04'], ms: 8 },
    { stack: [], ms: 16 },
  ]);
  const elsewhere = thread(7, [{ stack: [own('content.js')], ms: 32 }]);
  const profile = { threads: [thread(1, [])], processes: [{ threads: [elsewhere] }, { threads: [page] }] };

  it("gives each sample to the outermost of the extension's scripts on its stack", () => {
    expect(attribute(profile, 42, HOST).scripts).toEqual({ 'content.js': 3.5 });
  });

  it("counts Firefox's extension code as machinery only where no script of the extension is above it", () => {
    expect(attribute(profile, 42, HOST).machineryMs).toBe(0.25);
  });

  it("leaves out other extensions' scripts, the page's own work, and other processes", () => {
    const found = attribute(profile, 42, HOST);
    expect(found.samples).toBe(7);
    expect(found.ownSamples).toBe(4);
    expect(attribute(profile, 7, HOST).scripts).toEqual({ 'content.js': 32 });
    expect(attribute(profile, 99, HOST)).toEqual({ scripts: {}, machineryMs: 0, samples: 0, ownSamples: 0 });
  });

  it('runs alone, as it is sent into Firefox as source', () => {
    const alone = new Function(`return (${attribute.toString()});`)() as typeof attribute;
    expect(alone(profile, 42, HOST)).toEqual(attribute(profile, 42, HOST));
  });
});

describe('keyTimes', () => {
  const start = (type: string, at: number) => ({ type, phase: 'start' as const, at });
  const end = (type: string, at: number) => ({ type, phase: 'end' as const, at });

  it("times each key from its keydown's start to the end of the last event before the next key, keyup aside", () => {
    const events = [
      start('keydown', 100), end('keydown', 100.2), start('keypress', 100.3), start('beforeinput', 100.4), end('beforeinput', 100.5),
      start('input', 100.6), end('input', 100.8), end('keypress', 104.5), start('keyup', 106), end('keyup', 109),
      start('keydown', 200), end('keydown', 200.1), start('keypress', 200.2), end('keypress', 203),
    ];
    expect(keyTimes(events).map((ms) => Number(ms.toFixed(3)))).toEqual([4.5, 3]);
  });

  it('reads events in any order, and leaves out a key whose events never ended', () => {
    expect(keyTimes([end('keypress', 12), start('keydown', 10)])).toEqual([2]);
    expect(keyTimes([start('keydown', 10), start('keypress', 11)])).toEqual([]);
  });
});
