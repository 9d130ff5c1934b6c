// @ts-check
/**
 * One page, visited with the extension and without it, and judged: what the extension changed
 * (errors, console errors, DOM, layout, global names, requests) and what it found (marks and
 * entities). See docs/robustness.md.
 */
import { compareDom, compareLayout, compareLists, withoutHost, worst } from './compare.mjs';
import { aimAt, cardState, markTargets, readMarks, settleSignature, snapshotPage } from './in-page.mjs';
import { isNetwork } from './launch.mjs';

/** @typedef {import('./launch.mjs').PagesBrowser} PagesBrowser */
/** @typedef {import('./launch.mjs').Recorded} Recorded */
/** @typedef {import('./compare.mjs').Snapshot} Snapshot */
/** @typedef {import('./compare.mjs').Finding} Finding */
/** @typedef {import('./in-page.mjs').PageSnapshot} PageSnapshot */
/** @typedef {ReturnType<typeof markTargets>[number]} MarkTarget */
/** @typedef {{ port: number, entries: import('./launch.mjs').SinkEntry[] }} Sink */
/** @typedef {{ requests: string[], pageErrors: string[], consoleErrors: string[] }} Phase */

/**
 * Pages whose layout settles one of two ways on its own in a browser, without the extension
 * too, and whose layout check is therefore reported inconclusive, never failed
 * (docs/robustness.md). quanta-1 in Firefox: 57,600 or 57,605 px tall, in either mode and often
 * the same several visits in a row (test/pages/heights.mjs), so it once failed a CI run through
 * both late pairs (57,605 with the extension, 57,600 without).
 * @type {Record<'chromium' | 'firefox', readonly string[]>}
 */
export const OWN_LAYOUT_RACES = { chromium: [], firefox: ['quanta-1'] };

/** How many late pairs of visits a difference must recur in to fail a page (checkPage). */
export const LATE_PAIRS = 2;

export const TIMING = {
  loadTimeoutMs: 20_000,
  /** How long the extension may take to start on a loaded page. */
  startTimeoutMs: 5_000,
  /** How long the sieve may take to find a candidate and load the scanner, of itself. */
  sieveMs: 2_000,
  /** How long a scanner started by asking for mentions may take for its first scan. */
  scanMs: 600,
  /** The page counts as settled when its signature holds this long… */
  quietMs: 300,
  /** …or when this much time has passed (a page that never stops changing). */
  settleMaxMs: 6_000,
  pollMs: 50,
  /** How long a hovered mention may take to open its card (the hover delay is 0.4 s). */
  cardTimeoutMs: 3_000,
  /** After the card opens, for its content to arrive from the background. */
  cardSettleMs: 150,
};

/**
 * Hosts Chromium contacts for itself whatever the page (account, update and autofill services,
 * seen with and without any extension). Requests to them that reach the sink are not counted
 * against the extension; Chromium's own request events, which include the extension's service
 * worker, still are. Firefox needs no such list: its own traffic is switched off.
 */
const CHROMIUM_OWN_HOSTS = /^(accounts\.google\.com|clients\d*\.google\.com|[a-z0-9-]+\.googleapis\.com|[a-z0-9-]+\.gvt1\.com)$/;

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** @param {import('./launch.mjs').Tab} tab @returns {Promise<PageSnapshot>} */
const takeSnapshot = async (tab) => JSON.parse(await tab.evaluate(snapshotPage));

/** @param {string} hostOrUrl */
const hostOf = (hostOrUrl) => {
  try {
    return new URL(hostOrUrl.includes('://') ? hostOrUrl : `http://${hostOrUrl}`).hostname;
  } catch {
    return hostOrUrl;
  }
};

/**
 * @typedef {object} Visit
 * @property {string | null} loadProblem
 * @property {number | null} startMs  load to the extension's highlight being registered
 * @property {'candidate' | 'none' | null} sieved  whether the scanner started of itself (the
 *   sieve found a candidate) or only when asked for mentions; null without the extension
 * @property {boolean} settled  false when the page kept changing until settleMaxMs
 * @property {number} settledMs  from the load to the snapshot
 * @property {Record<string, number>} phases  how long each step of the visit took, in ms
 * @property {PageSnapshot} snap
 * @property {ReturnType<typeof readMarks>} marks
 * @property {import('./launch.mjs').PageMention[] | null} mentions
 * @property {MarkTarget[]} aimed  the mentions aimed at, in order; the last one was hovered
 * @property {MarkTarget | null} target  the mention hovered
 * @property {{ point: { x: number, y: number }, waitedMs: number, card: ReturnType<typeof cardState>, snap: PageSnapshot } | null} hover
 * @property {string[] | null} marksAfter  mark texts at the end of the visit
 * @property {Phase} load  requests and errors up to the settled snapshot
 * @property {Phase} during  the same while a mention was hovered
 * @property {Recorded} recorded  everything the tab recorded
 * @property {string[]} extensionErrors
 * @property {string[]} extensionRequests
 * @property {string[]} sinkHosts  hosts of the connections the sink refused during the visit
 */

/**
 * Loads `url` in the browser's tab, waits for it (and the extension) to settle, takes the
 * snapshots, hovers a mention, and leaves the page.
 * @param {PagesBrowser} browser
 * @param {Sink} sink
 * @param {string} url
 * @param {{ hover?: { aimed: MarkTarget[], waitMs: number } | null, minSettleMs?: number, startTimeoutMs?: number }} [options]
 *   Without the extension, what the visit with it did: the mentions it aimed at (the last one
 *   hovered) and how long its card took, and how long after the load it took its snapshot.
 *   startTimeoutMs: how long to wait for the extension to start.
 * @returns {Promise<Visit>}
 */
export async function visit(browser, sink, url, options = {}) {
  const sinkFrom = sink.entries.length;
  /** @type {Record<string, number>} */
  const phases = {};
  let mark = Date.now();
  const phase = (/** @type {string} */ name) => {
    phases[name] = Date.now() - mark;
    mark = Date.now();
  };
  const { tab } = browser;
  await browser.clearSiteData(new URL(url).origin);
  const recorded = tab.record();
  /** What the tab had recorded so far, for the load and the hover phases. */
  const cut = () => ({ requests: recorded.requests.length, pageErrors: recorded.pageErrors.length, consoleErrors: recorded.consoleErrors.length });
  try {
    phase('open');
    const loadProblem = await tab.goto(url, TIMING.loadTimeoutMs);
    phase('load');
    const loaded = Date.now();
    /** @type {number | null} */
    let startMs = null;
    /** What the sieve made of the page: the scanner started of itself, or not (decision 007). */
    /** @type {'candidate' | 'none' | null} */
    let sieved = null;
    if (browser.withExtension) {
      const startTimeoutMs = options.startTimeoutMs ?? TIMING.startTimeoutMs;
      const waitForStart = async (/** @type {number} */ ms) => {
        for (const until = Date.now() + ms; Date.now() < until; await sleep(TIMING.pollMs)) {
          if ((await tab.evaluate(readMarks)).registered) return Date.now() - loaded;
        }
        return null;
      };
      startMs = await waitForStart(Math.min(startTimeoutMs, TIMING.sieveMs));
      sieved = startMs === null ? 'none' : 'candidate';
      // No candidate: asking for the page's mentions, as the popup does, loads the scanner, so
      // every check below covers it on every page, and says whether the sieve missed any.
      if (startMs === null) {
        await browser.mentions();
        startMs = await waitForStart(startTimeoutMs);
        // Let its first scan finish before the settle and the mentions below.
        await sleep(TIMING.scanMs);
      }
    }
    // Settled: nothing changed for quietMs, and (without the extension) at least as long
    // after the load as the visit with it took, so both snapshots see the page at the same age.
    let signature = await tab.evaluate(settleSignature);
    let quietSince = Date.now();
    const unsettled = () =>
      (Date.now() - quietSince < TIMING.quietMs || Date.now() - loaded < (options.minSettleMs ?? 0)) && Date.now() - loaded < TIMING.settleMaxMs;
    while (unsettled()) {
      await sleep(TIMING.pollMs);
      const next = await tab.evaluate(settleSignature);
      if (next !== signature) {
        signature = next;
        quietSince = Date.now();
      }
    }
    const settled = Date.now() - quietSince >= TIMING.quietMs;
    const settledMs = Date.now() - loaded;
    phase('settle');
    const snap = await takeSnapshot(tab);
    const atSnapshot = cut();
    const marks = await tab.evaluate(readMarks);
    phase('snapshot');
    const mentions = browser.withExtension ? await browser.mentions() : null;
    phase('mentions');

    /** @type {Visit['hover']} */
    let hover = null;
    // With the extension: the first painted mention the pointer can reach. Without: the same
    // mentions tried in the same order (each try scrolls), so the page ends up in the same place.
    /** @type {MarkTarget[]} */
    const aimed = [];
    /** @type {MarkTarget | null} */
    let target = null;
    /** @type {{ x: number, y: number } | null} */
    let point = null;
    const candidates = browser.withExtension ? await tab.evaluate(markTargets) : (options.hover?.aimed ?? []);
    for (const candidate of candidates) {
      aimed.push(candidate);
      point = await tab.evaluate(aimAt, candidate);
      // Scrolling may load images or fonts that move the text again: aim until it holds still.
      for (let i = 0; point && i < 5; i += 1) {
        await sleep(100);
        const again = await tab.evaluate(aimAt, candidate);
        const held = again && Math.abs(again.x - point.x) < 1 && Math.abs(again.y - point.y) < 1;
        point = again;
        if (held) break;
      }
      if (point) {
        target = candidate;
        break;
      }
    }
    if (target && point) {
      await tab.moveMouse(Math.max(0, point.x - 25), point.y + 1);
      await tab.moveMouse(point.x, point.y);
      const rested = Date.now();
      if (browser.withExtension) {
        while (Date.now() - rested < TIMING.cardTimeoutMs && !(await tab.evaluate(cardState)).open) await sleep(50);
        await sleep(TIMING.cardSettleMs);
      } else {
        await sleep(options.hover?.waitMs ?? 0);
      }
      hover = { point, waitedMs: Date.now() - rested, card: await tab.evaluate(cardState), snap: await takeSnapshot(tab) };
    }
    const atHover = cut();
    // Read in both runs, so both spend the same time on the page.
    const marksAfter = (await tab.evaluate(readMarks)).marks.map((m) => m.text);
    phase('hover');
    await tab.leave();
    phase('leave');
    const network = (/** @type {string[]} */ lines) => lines.filter((l) => isNetwork(l.split(' ')[1] ?? ''));
    return {
      loadProblem,
      startMs,
      sieved,
      settled,
      settledMs,
      phases,
      snap,
      marks,
      mentions,
      aimed,
      target,
      hover,
      marksAfter: browser.withExtension ? marksAfter : null,
      load: {
        requests: network(recorded.requests.slice(0, atSnapshot.requests)),
        pageErrors: recorded.pageErrors.slice(0, atSnapshot.pageErrors),
        consoleErrors: recorded.consoleErrors.slice(0, atSnapshot.consoleErrors),
      },
      during: {
        requests: network(recorded.requests.slice(atSnapshot.requests, atHover.requests)),
        pageErrors: recorded.pageErrors.slice(atSnapshot.pageErrors, atHover.pageErrors),
        consoleErrors: recorded.consoleErrors.slice(atSnapshot.consoleErrors, atHover.consoleErrors),
      },
      recorded,
      extensionErrors: await browser.takeExtensionErrors(),
      extensionRequests: await browser.takeExtensionRequests(),
      sinkHosts: sink.entries.slice(sinkFrom).map((e) => hostOf(e.host)),
    };
  } catch (error) {
    await tab.leave().catch(() => undefined);
    throw error;
  }
}

/**
 * The verdict on one page in one browser.
 * @typedef {object} PageResult
 * @property {'pass' | 'fail' | 'inconclusive'} result  inconclusive: nothing the extension did
 *   was found, but some check could not tell, because the page loads differently every time
 * @property {string[]} problems  one line per failed check
 * @property {string[]} notes  inconclusive checks and other observations
 * @property {Record<string, Finding>} checks
 * @property {object} marks  what the extension painted and found
 * @property {object} counts
 * @property {object} timing
 * @property {string[]} [failedFirst]  where the page passed only when judged a second time: the
 *   problems the first time found (run.mjs)
 */

/**
 * Compares a visit with the extension to one or two without.
 * @param {Visit} w with the extension
 * @param {Visit} wo without
 * @param {Visit | undefined} wo2 without, a second time, when the first comparison found a difference
 * @param {'chromium' | 'firefox'} browserName
 * @param {Visit} [earlier]  the visit before `w` in the same browser, whose connections may
 *   reach the sink late
 * @returns {PageResult}
 */
export function judge(w, wo, wo2, browserName, earlier) {
  /** @type {Record<string, Finding>} */
  const checks = {};
  const second = wo2;

  checks.started = w.startMs === null ? { status: 'differs', detail: 'the extension never registered its highlight on this page' } : { status: 'same' };
  // The sieve may load the scanner where it finds nothing, never skip a page where it would.
  const missed = w.sieved === 'none' ? (w.mentions ?? []) : [];
  checks.sieve = missed.length > 0
    ? { status: 'differs', detail: `the sieve found no candidate, yet the scanner finds ${missed.map((m) => m.text).join(', ')}` }
    : { status: 'same' };
  checks.pageErrors = compareLists(w.load.pageErrors, wo.load.pageErrors, second?.load.pageErrors);
  // Requests for what the page's own markup names (an image, a script, its icon) happen when the
  // browser gets round to them, so they, and the console's note that one failed, are left out;
  // the DOM check covers markup the extension might add, and Chromium names the script behind
  // any request the extension starts.
  const pageOwn = new Set([...w.snap.resources, ...wo.snap.resources, ...(second?.snap.resources ?? [])]);
  const isPageOwn = (/** @type {string} */ url) => pageOwn.has(url) || /^https?:\/\/127\.0\.0\.1(:\d+)?\/favicon\.ico$/.test(url);
  const own = (/** @type {string[]} */ lines) => lines.filter((line) => !isPageOwn(line.slice(line.indexOf(' ') + 1)));
  const ownErrors = (/** @type {string[]} */ lines) =>
    lines.filter((line) => !(line.startsWith('Failed to load resource') && isPageOwn(line.slice(line.lastIndexOf(' @ ') + 3))));
  checks.consoleErrors = compareLists(ownErrors(w.load.consoleErrors), ownErrors(wo.load.consoleErrors), second && ownErrors(second.load.consoleErrors));
  const fromExtension = [...w.recorded.fromExtension, ...w.extensionErrors];
  checks.extensionErrors = fromExtension.length
    ? { status: 'differs', detail: [...new Set(fromExtension)].slice(0, 10).join(' | ') }
    : { status: 'same' };
  checks.dom = compareDom(w.snap, wo.snap, second?.snap);
  checks.layout = compareLayout(w.snap, wo.snap, second?.snap);
  checks.globals = compareLists(w.snap.globals, wo.snap.globals, second?.snap.globals);

  // Requests: the page's own (the extension must not add any, e.g. from a content script), the
  // extension's contexts' (Chromium reports its worker's), and what reached the sink from
  // anywhere in the browser, less what the page itself asked for.
  checks.pageRequests = compareLists(own(w.load.requests), own(wo.load.requests), second && own(second.load.requests));
  const explained = new Set(
    [w, wo, ...(second ? [second] : []), ...(earlier ? [earlier] : [])].flatMap((v) => [
      ...v.recorded.requests.map((r) => hostOf(r.split(' ')[1] ?? '')),
      ...(v === w || v === earlier ? [] : v.sinkHosts),
    ]),
  );
  const unexplained = w.sinkHosts.filter((h) => !explained.has(h) && !(browserName === 'chromium' && CHROMIUM_OWN_HOSTS.test(h)));
  const extensionRequests = [...w.extensionRequests, ...unexplained.map((h) => `a connection to ${h} that neither page load made`)];
  checks.extensionRequests = extensionRequests.length
    ? { status: 'differs', detail: [...new Set(extensionRequests)].slice(0, 5).join(' | ') }
    : { status: 'same' };

  if (w.hover) {
    const card = w.hover.card;
    const { snap: rest, hosts } = withoutHost(w.hover.snap);
    const problems = [
      !card.open ? `no card opened within ${TIMING.cardTimeoutMs} ms` : '',
      hosts !== 1 || card.hosts !== 1 ? `${card.hosts} backstory-card elements, not 1` : '',
      card.hosts === 1 && card.parent !== 'html' ? `the host's parent is <${card.parent}>, not <html>` : '',
      card.shadowReadable ? 'the host’s shadow root is open to the page' : '',
    ].filter(Boolean);
    checks.hoverCard = problems.length ? { status: 'differs', detail: problems.join('; ') } : { status: 'same' };
    if (wo.hover) {
      const base2 = second?.hover?.snap;
      checks.hoverDom = compareDom(rest, wo.hover.snap, base2);
      checks.hoverLayout = compareLayout(rest, wo.hover.snap, base2);
      checks.hoverErrors = compareLists(
        [...w.during.pageErrors, ...ownErrors(w.during.consoleErrors)],
        [...wo.during.pageErrors, ...ownErrors(wo.during.consoleErrors)],
        second && [...second.during.pageErrors, ...ownErrors(second.during.consoleErrors)],
      );
      checks.hoverRequests = compareLists(own(w.during.requests), own(wo.during.requests), second && own(second.during.requests));
    } else {
      checks.hoverDom = { status: 'varies', detail: 'the hovered mention could not be found again without the extension' };
    }
  }

  const { problems, notes } = summarise(checks);
  if (w.marks.marks.length > 0 && !w.hover) notes.push(`none of the first ${w.aimed.length} painted mentions could be reached by the pointer: no hover`);
  if (w.snap.url !== wo.snap.url) notes.push(`the page ended at ${w.snap.url} with the extension and ${wo.snap.url} without`);
  if (w.loadProblem) notes.push(`with the extension, load: ${w.loadProblem}`);
  if (wo.loadProblem) notes.push(`without, load: ${wo.loadProblem}`);
  if (!w.settled) notes.push(`the page was still changing after ${TIMING.settleMaxMs} ms with the extension`);
  const painted = w.marks.marks.map((m) => m.text);
  if (w.marksAfter && JSON.stringify(w.marksAfter) !== JSON.stringify(painted)) {
    notes.push(`marks changed after the page settled: ${JSON.stringify(painted)} then ${JSON.stringify(w.marksAfter)}`);
  }
  return {
    result: verdict(checks),
    problems,
    notes,
    checks,
    marks: {
      painted: w.marks.marks,
      entities: w.mentions,
      hovered: w.target?.text ?? null,
    },
    counts: {
      nodes: w.snap.nodes.length,
      boxes: w.snap.boxAt.length,
      requestsWith: w.recorded.requests.length,
      requestsWithout: wo.recorded.requests.length,
      blockedWith: w.recorded.requests.filter((r) => isNetwork(r.split(' ')[1] ?? '') && !/^[A-Z]+ https?:\/\/127\.0\.0\.1[:/]/.test(r)).length,
      pageErrorsWithout: wo.recorded.pageErrors.length,
      consoleErrorsWithout: wo.recorded.consoleErrors.length,
      baselines: second ? 2 : 1,
    },
    timing: {
      startMs: w.startMs,
      sieved: w.sieved,
      cardMs: w.hover?.waitedMs ?? null,
      withExtension: w.phases,
      without: wo.phases,
      ...(second ? { withoutAgain: second.phases } : {}),
    },
  };
}

/**
 * One line per failed check, and one per inconclusive check or check with something to say.
 * @param {Record<string, Finding>} checks
 */
function summarise(checks) {
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const notes = [];
  for (const [name, finding] of Object.entries(checks)) {
    if (finding.status === 'differs') problems.push(`${name}: ${finding.detail ?? 'differs'}`);
    else if (finding.status === 'varies') notes.push(`${name} inconclusive: ${finding.detail ?? ''}`);
    else if (finding.detail) notes.push(`${name}: ${finding.detail}`);
  }
  return { problems, notes };
}

/** @param {Record<string, Finding>} checks @returns {PageResult['result']} */
function verdict(checks) {
  const status = worst(Object.values(checks));
  return status === 'differs' ? 'fail' : status === 'varies' ? 'inconclusive' : 'pass';
}

/**
 * A result with some of its checks replaced: its verdict, problems and the notes that come
 * from checks are redone; other notes stay.
 * @param {PageResult} result
 * @param {Record<string, Finding>} replaced
 * @returns {PageResult}
 */
export function rejudged(result, replaced) {
  const before = summarise(result.checks);
  const checks = { ...result.checks, ...replaced };
  const { problems, notes } = summarise(checks);
  return {
    ...result,
    checks,
    result: verdict(checks),
    problems,
    notes: [...notes, ...result.notes.filter((n) => !before.notes.includes(n))],
  };
}

/**
 * The checks a first comparison found a difference in that a second baseline might explain
 * as the page's own variation.
 * @param {Visit} w
 * @param {Visit} wo
 * @param {'chromium' | 'firefox'} browserName
 * @param {Visit} [earlier]
 * @returns {string[]}
 */
export function wantsSecondBaseline(w, wo, browserName, earlier) {
  const { checks } = judge(w, wo, undefined, browserName, earlier);
  const noiseSensitive = ['pageErrors', 'consoleErrors', 'dom', 'layout', 'globals', 'pageRequests', 'hoverDom', 'hoverLayout', 'hoverErrors', 'hoverRequests', 'extensionRequests'];
  return noiseSensitive.filter((k) => checks[k] && checks[k].status !== 'same');
}

/**
 * @typedef {object} Run  the two browsers of one kind, and the sinks their proxies point at
 * @property {'chromium' | 'firefox'} name
 * @property {PagesBrowser} withExt
 * @property {PagesBrowser} without
 * @property {Sink} sinkWith
 * @property {Sink} sinkWithout
 */

/**
 * One page, judged: visited with the extension, then without it the same way. When something
 * differs, visited once more without it, to tell the page's own variation from the
 * extension's doing; when the two baselines agree and the visit with the extension still
 * differs, visited in late pairs, once more with it and once more without it, both as late as
 * the run looks: a change the extension makes happens again in every pair, a page racing its
 * own timers may not.
 * @param {Run} run
 * @param {string} url
 * @param {Visit | undefined} earlier  the last visit with the extension, in the same browser
 * @param {{ startTimeoutMs?: number, ownLayoutRace?: boolean }} [options]  ownLayoutRace: the
 *   page is in OWN_LAYOUT_RACES for this browser
 * @returns {Promise<{ result: PageResult, last: Visit }>}
 */
export async function checkPage({ name, withExt, without, sinkWith, sinkWithout }, url, earlier, options = {}) {
  const w = await visit(withExt, sinkWith, url, options);
  const replay = { hover: w.hover ? { aimed: w.aimed, waitMs: w.hover.waitedMs } : null, minSettleMs: w.settledMs };
  const wo = await visit(without, sinkWithout, url, replay);
  const again = wantsSecondBaseline(w, wo, name, earlier);
  const wo2 = again.length ? await visit(without, sinkWithout, url, replay) : undefined;
  let result = judge(w, wo, wo2, name, earlier);
  if (again.length) result.notes.push(`loaded a second time without the extension, because of: ${again.join(', ')}`);
  const toRepeat = again.filter((k) => result.checks[k]?.status === 'differs');
  if (toRepeat.length === 0) return { result, last: w };
  // As late as the run ever looks, with the extension and then without it, the same way: a
  // page still racing its own timers (a web-font loader that gives up after a few seconds) has
  // by then run them out in both, while a change the extension makes is there again. Each late
  // pair is judged by itself, so a page that changes on its own between the first pair's age
  // and this one (an advert rotating every few seconds) is not blamed on the extension. A page
  // that settles one of two ways at random (quanta-1 in Firefox: 57,600 or 57,605 px tall, in
  // either mode) can land apart in one late pair too, so a difference must recur in each of
  // LATE_PAIRS to fail; a change the extension makes recurs in all of them.
  let last = w;
  let recurring = toRepeat;
  for (let pair = 0; pair < LATE_PAIRS && recurring.length > 0; pair++) {
    const w2 = await visit(withExt, sinkWith, url, { ...options, minSettleMs: TIMING.settleMaxMs });
    const wo3 = await visit(without, sinkWithout, url, { hover: w2.hover ? { aimed: w2.aimed, waitMs: w2.hover.waitedMs } : null, minSettleMs: w2.settledMs });
    const repeat = judge(w2, wo3, undefined, name, last);
    recurring = recurring.filter((k) => repeat.checks[k]?.status === 'differs');
    last = w2;
  }
  /** @type {Record<string, Finding>} */
  const replaced = {};
  for (const k of toRepeat) {
    const first = result.checks[k];
    if (!first || recurring.includes(k)) continue;
    replaced[k] = { status: 'varies', detail: `${first.detail}; but not in every late pair of visits, with and without the extension: the page's own timing` };
  }
  const layout = result.checks.layout;
  if (options.ownLayoutRace && recurring.includes('layout') && layout) {
    replaced.layout = { status: 'varies', detail: `${layout.detail}; a page whose layout settles two ways on its own in this browser (OWN_LAYOUT_RACES)` };
  }
  result = rejudged(result, replaced);
  result.notes.push(`visited again with and without the extension, late, because of: ${toRepeat.join(', ')}`);
  return { result, last };
}
