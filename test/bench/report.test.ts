/**
 * The benchmark's report (bench/report.mjs): `node bench/report.mjs` rewrites from
 * bench/results.json the same tables the run wrote, though the run measured unrounded figures.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rewriteReport, summarise, writeReport } from '../../bench/report.mjs';

const dir = await mkdtemp(path.join(tmpdir(), 'backstory-report-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The committed results' measurements, each time in ms given digits beyond what is stored. */
async function unroundedResults(): Promise<Record<string, any>> {
  const { summary: _summary, budgets: _budgets, ...results } = JSON.parse(await readFile('bench/results.json', 'utf8'));
  let i = 0;
  return JSON.parse(JSON.stringify(results), (key, value) =>
    typeof value === 'number' && /Ms$/.test(key) ? value * (1 + ((i++ * 7919) % 997) / 99_700) : value,
  );
}

describe('the report', () => {
  it('is written again byte for byte from the results it stored', async () => {
    const json = path.join(dir, 'results.json');
    const doc = path.join(dir, 'performance.md');
    await writeReport(await unroundedResults(), json, doc);
    const written = await readFile(doc, 'utf8');
    expect(written).toContain('| **median** |');
    await rewriteReport(json, doc);
    expect(await readFile(doc, 'utf8')).toBe(written);
  });

  it('names a generated page as its table does where it holds the longest task', async () => {
    const results = await unroundedResults();
    const largest = results.scan.synthetic.at(-1);
    largest.longestTaskMs = largest.longestTaskCpuMs = 49;
    const { mainThread } = summarise(results).summary;
    expect([mainThread.longestTaskPage, mainThread.longestTaskCpuPage]).toEqual(['generated 10000.0 KB', 'generated 10000.0 KB']);
  });

  it('says the 10 MB page was not measured where the generated pages were left out', async () => {
    const results = await unroundedResults();
    results.scan.synthetic = [];
    const budget = summarise(results).budgets.find((b: { budget: string }) => b.budget.startsWith('no extension task over 50 ms'));
    expect(budget?.measured).toContain('the 10 MB page not measured');
    expect(budget?.measured).not.toContain('NaN');
  });
});
