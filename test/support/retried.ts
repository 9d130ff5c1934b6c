/**
 * A reporter that names every test that passed only when run again, with the errors of the runs
 * that failed. Real-browser tests get one retry (vitest.config.ts): a browser on a loaded
 * machine now and then stalls a step for a minute. A retry keeps that from failing a run, and
 * this report keeps it from going unnoticed.
 */
import type { Reporter, TestCase } from 'vitest/node';

/** The most lines of one error the report prints. */
const MAX_LINES = 40;

export default class Retried implements Reporter {
  readonly #passedOnRetry: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const diagnostic = test.diagnostic();
    if (!diagnostic?.flaky) return;
    // A test that passed on a retry keeps the errors of the runs before it, each whole (up to
    // MAX_LINES): a failure message may carry what the browser showed (nextFirefoxTab's does).
    const errors = (test.result().errors ?? []).map((e) => e.message.split('\n').slice(0, MAX_LINES).join('\n      '));
    this.#passedOnRetry.push(`${test.module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}\n    first: ${errors.join('\n    then: ')}`);
  }

  onTestRunEnd(): void {
    if (this.#passedOnRetry.length === 0) return;
    console.log(`\nPassed only on a retry (${this.#passedOnRetry.length}); each failed first with:`);
    for (const line of this.#passedOnRetry) console.log(`  ${line}`);
  }
}
