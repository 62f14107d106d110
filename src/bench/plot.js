'use strict';
// Plots of a benchmark run, drawn as SVG and rendered to PNG by Debian's chromium through
// playwright-core:  node plot.js target/bench   →  lateness.png, heap.png (and the .svg beside them)
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const out = process.argv[2];
const results = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
const labels = Object.keys(results.runs);
const main = results.runs[labels[0]];

const W = 800, H = 480, M = { left: 70, right: 30, top: 50, bottom: 60 };
const COLORS = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700'];

function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;'); }

function niceTicks(min, max, count = 6) {
  const span = max - min || 1;
  const step0 = span / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map(k => k * mag).find(s => s >= step0);
  const ticks = [];
  for (let v = Math.floor(min / step) * step; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(10)));
  return ticks;
}

function frame(title, xLabel, yLabel, xTicks, yTicks, sx, sy, body, legend = []) {
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold">${esc(title)}</text>`];
  for (const t of yTicks) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#ddd"/>`,
      `<text x="${M.left - 8}" y="${sy(t) + 4}" text-anchor="end">${t}</text>`);
  }
  for (const t of xTicks) {
    parts.push(`<line x1="${sx(t)}" x2="${sx(t)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#333"/>`,
      `<text x="${sx(t)}" y="${H - M.bottom + 20}" text-anchor="middle">${t}</text>`);
  }
  parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 15}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    body);
  legend.forEach((l, i) => parts.push(
    `<rect x="${M.left + 15}" y="${M.top + 10 + i * 20}" width="14" height="10" fill="${l.color}"/>`,
    `<text x="${M.left + 35}" y="${M.top + 19 + i * 20}">${esc(l.text)}</text>`));
  parts.push('</svg>');
  return parts.join('\n');
}

function latenessSvg() {
  const series = labels.map((l, i) => ({ label: l, color: COLORS[i], values: ((results.runs[l].phases.lateness || {}).samples || []) }))
    .filter(s => s.values.length > 0);
  const all = series.flatMap(s => s.values);
  if (all.length === 0) return null;
  const lo = Math.min(0, ...all), hi = Math.max(...all);
  const bins = 40;
  const width = (hi - lo) / bins || 1;
  const counts = series.map(s => {
    const c = new Array(bins).fill(0);
    for (const v of s.values) c[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
    return c;
  });
  const maxCount = Math.max(...counts.flat());
  const xTicks = niceTicks(lo, hi), yTicks = niceTicks(0, maxCount);
  const x0 = Math.min(lo, xTicks[0]), x1 = Math.max(hi, xTicks.at(-1));
  const sx = v => M.left + (v - x0) / (x1 - x0) * (W - M.left - M.right);
  const sy = v => H - M.bottom - v / yTicks.at(-1) * (H - M.top - M.bottom);
  let body = '';
  counts.forEach((c, k) => c.forEach((n, b) => {
    if (n === 0) return;
    const xa = sx(lo + b * width), xb = sx(lo + (b + 1) * width);
    const bw = (xb - xa) / series.length;
    body += `<rect x="${xa + k * bw}" y="${sy(n)}" width="${Math.max(1, bw - 1)}" height="${sy(0) - sy(n)}" fill="${series[k].color}" fill-opacity="0.8"/>`;
  }));
  body += `<line x1="${sx(0)}" x2="${sx(0)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#000" stroke-dasharray="4 3"/>`;
  const legend = series.map(s => {
    const l = results.runs[s.label].phases.lateness.latenessMs;
    return { color: s.color, text: `${s.label}: n=${l.count}, p50 ${l.p50} ms, p99 ${l.p99} ms, max ${l.max} ms` };
  });
  return frame('Expiry lateness: client-observed close − (exp + grace)', 'lateness (ms); left of the dashed line = early',
    'connections', xTicks, yTicks, sx, sy, body, legend);
}

function heapSvg() {
  const series = [];
  labels.forEach((l, i) => {
    const p = results.runs[l].phases;
    if (p['tether-fill']) series.push({ text: `Tether (${l})`, color: COLORS[i], samples: p['tether-fill'].samples });
    if (p['bare-fill']) series.push({ text: 'bare JSR-356 endpoint', color: '#6e7781', samples: p['bare-fill'].samples });
  });
  if (series.length === 0) return null;
  const pts = series.flatMap(s => s.samples);
  const xTicks = niceTicks(0, Math.max(...pts.map(p => p.connections)));
  const yTicks = niceTicks(0, Math.max(...pts.map(p => p.heapAfterGcKB / 1024)));
  const sx = v => M.left + v / xTicks.at(-1) * (W - M.left - M.right);
  const sy = v => H - M.bottom - v / yTicks.at(-1) * (H - M.top - M.bottom);
  let body = '';
  for (const s of series) {
    const d = s.samples.map((p, k) => `${k ? 'L' : 'M'}${sx(p.connections)} ${sy(p.heapAfterGcKB / 1024)}`).join(' ');
    body += `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
    for (const p of s.samples) body += `<circle cx="${sx(p.connections)}" cy="${sy(p.heapAfterGcKB / 1024)}" r="4" fill="${s.color}"/>`;
  }
  const legend = series.map(s => {
    const a = s.samples[0], b = s.samples.at(-1);
    return { color: s.color, text: `${s.text}: ${((b.heapAfterGcKB - a.heapAfterGcKB) / b.connections).toFixed(1)} KB per connection at ${b.connections}` };
  });
  return frame('Heap after full GC against open connections', 'open connections', 'heap after GC (MiB)',
    xTicks, yTicks, sx, sy, body, legend);
}

async function render(pages) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: W, height: H },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    for (const [name, svg] of pages) {
      fs.writeFileSync(path.join(out, `${name}.svg`), svg);
      await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
      await page.screenshot({ path: path.join(out, `${name}.png`), clip: { x: 0, y: 0, width: W, height: H } });
      console.log(`wrote ${name}.png`);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const pages = [['lateness', latenessSvg()], ['heap', heapSvg()]].filter(([, svg]) => svg);
const bound = setTimeout(() => { console.error('plotting took too long'); process.exit(2); }, 120000);
render(pages).then(() => clearTimeout(bound), e => { console.error(e); process.exit(1); });
