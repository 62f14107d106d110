'use strict';
// Shared helpers of the load generator: HS256 tokens, percentiles, time.
const crypto = require('crypto');

const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function b64url(text) {
  return Buffer.from(text).toString('base64url');
}

/** An HS256 connection token; exp in epoch seconds, fractional to the millisecond. */
function mint(secret, sub, expSeconds) {
  const payload = b64url(`{"sub":"${sub}","exp":${expSeconds.toFixed(3)}}`);
  const signature = crypto.createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
function now() {
  return performance.timeOrigin + performance.now();
}

/** p50/p90/p99/max/min/mean/count of a numeric array (not modified). */
function summarize(values) {
  if (values.length === 0) return { count: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = q => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length, min: round(sorted[0]), p50: round(at(0.5)), p90: round(at(0.9)),
    p99: round(at(0.99)), max: round(sorted[sorted.length - 1]), mean: round(sum / sorted.length),
  };
}

function round(x, digits = 2) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function sleep(ms) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

module.exports = { mint, now, summarize, round, sleep };
