// @ts-check
/** Summaries of measured values. */

/** @param {number[]} values @param {number} p  0..1 */
export function quantile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  // Nearest rank: a value that was actually measured.
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return /** @type {number} */ (sorted[rank]);
}

/** @param {number[]} values */
export const median = (values) => quantile(values, 0.5);

/** @param {number[]} values */
export const max = (values) => values.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), -Infinity);

/** @param {number[]} values */
export const min = (values) => values.reduce((m, v) => (Number.isFinite(v) && v < m ? v : m), Infinity);

/** Rounds for the report: 3 significant digits, at most 3 decimals. @param {number} v */
export function round(v) {
  if (!Number.isFinite(v)) return v;
  if (v === 0) return 0;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(v)))));
  return Number(v.toFixed(digits));
}
