'use strict';
// Turns the raw figures of one benchmark run (target/bench/raw-<label>.json) into results.json and
// report.md, each measure beside the bare endpoint's and its target.  node report.js target/bench
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const out = process.argv[2];
const labels = fs.readdirSync(out).filter(f => /^raw-.*\.json$/.test(f)).map(f => f.slice(4, -5));
const primaryLabel = labels.includes('queue') ? 'queue' : labels[0];
const order = [primaryLabel, ...labels.filter(l => l !== primaryLabel)];
const runs = Object.fromEntries(order.map(l => [l, JSON.parse(fs.readFileSync(path.join(out, `raw-${l}.json`)))]));
const main = runs[primaryLabel];

const TARGETS = {
  connectRatio: 0.9, heapRatio: 1.2, latenessP99: 250, waveMs: 2000, probeP99: 50, stormMs: 2000,
  refreshRate: 5000, refreshP99: 25,
};

function machine() {
  const run = (cmd, argv) => {
    const r = spawnSync(cmd, argv, { encoding: 'utf8' });
    return `${r.stdout || ''}${r.stderr || ''}`;
  };
  const serverLog = path.join(out, 'logs', `server-${primaryLabel}.log`);
  const payara = fs.existsSync(serverLog) ? (/Payara Micro [0-9.]+ \(build \d+\)/.exec(fs.readFileSync(serverLog, 'utf8')) || [''])[0] : '';
  return {
    cpus: os.cpus().length, cpuModel: os.cpus()[0] && os.cpus()[0].model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    java: run('java', ['-version']).split('\n')[0].trim(), payara, node: process.version,
    kernel: os.release(), openFilesLimit: run('bash', ['-c', 'ulimit -Hn']).trim(),
    command: process.env.BENCH_COMMAND || '', seconds: Number(process.env.BENCH_SECONDS || 0),
  };
}

const met = ok => (ok === null || ok === undefined ? 'n/a' : ok ? 'met' : '**missed**');
const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const ratio = (a, b) => (a && b ? a / b : null);

function row(cells) { return `| ${cells.join(' | ')} |`; }
function table(head, rows) {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

function at(samples, n) {
  return (samples || []).find(s => s.connections === n) || (samples || []).at(-1) || {};
}

function report() {
  const m = machine();
  const p = main.phases;
  const tf = p['tether-fill'] || {}, bf = p['bare-fill'] || {};
  const lines = [];
  lines.push('# Tether benchmark', '');
  lines.push(`Run ${main.startedAt}, ${main.connections} connections, ${main.workers} generator processes, `
    + `expiry_scheduler=${main.scheduler}. Client and server share the machine.`, '');
  lines.push(table(['machine', ''], [
    ['CPUs', `${m.cpus} × ${m.cpuModel}`], ['memory', `${m.memoryGiB} GiB`], ['Java', m.java],
    ['server', m.payara], ['Node', m.node], ['open files (hard)', m.openFilesLimit],
    ['command', `\`${m.command}\``], ['duration', `${m.seconds} s`],
  ]), '');

  const checks = Object.entries(runs).flatMap(([l, r]) => (r.failures || []).map(x => `${l}: ${x}`));
  lines.push('## Hard checks', '');
  lines.push(checks.length === 0 ? 'All passed: every phase completed; no connection dropped or closed early; '
    + 'no refreshed connection closed.' : checks.map(c => `- FAILED ${c}`).join('\n'), '');

  lines.push('## Connects', '');
  const cr = ratio(tf.connectsPerSec, bf.connectsPerSec);
  lines.push(table(['measure', 'Tether', 'bare', 'ratio', 'target', ''], [
    ['connected', `${tf.opened}/${tf.target}`, `${bf.opened}/${bf.target}`, '', 'all', met(tf.opened === tf.target && bf.opened === bf.target)],
    ['connects/s (200 in flight)', f(tf.connectsPerSec), f(bf.connectsPerSec), f(cr, 2), `≥ ${TARGETS.connectRatio} × bare`, met(cr === null ? null : cr >= TARGETS.connectRatio)],
    ['connect time p50 / p99 ms', `${f(tf.connectMs && tf.connectMs.p50)} / ${f(tf.connectMs && tf.connectMs.p99)}`,
      `${f(bf.connectMs && bf.connectMs.p50)} / ${f(bf.connectMs && bf.connectMs.p99)}`, '', '', ''],
  ]), '');

  lines.push('## Memory per connection', '');
  lines.push('Heap after a full GC (`jcmd GC.run`, then `GC.heap_info`) and RSS, minus the figure at 0 connections, '
    + 'divided by the connections open. The heap is fixed and pre-touched (`-Xms4g -Xmx4g -XX:+AlwaysPreTouch`), '
    + 'so the heap figure is the honest one.', '');
  const memRows = (tf.perConnection || []).map(t => {
    const b = (bf.perConnection || []).find(x => x.connections === t.connections) || {};
    const r = ratio(t.heapKB, b.heapKB);
    const last = t.connections === tf.target;
    return [t.connections, f(t.heapKB, 2), f(b.heapKB, 2), f(r, 2), f(t.rssKB, 2), f(b.rssKB, 2),
      last ? `≤ ${TARGETS.heapRatio} × bare` : '', last ? met(r === null ? null : r <= TARGETS.heapRatio) : ''];
  });
  lines.push(table(['connections', 'heap KB/conn Tether', 'bare', 'ratio', 'RSS KB/conn Tether', 'bare', 'target', ''], memRows), '');
  const raw = (name, s) => (s || []).map(x => `${x.connections}: heap ${x.heapAfterGcKB} KB, RSS ${x.rssKB} KB, `
    + `${x.threads} threads, ${x.fds} fds`).join('; ');
  lines.push(`Samples, Tether: ${raw('t', tf.samples)}.`, '', `Samples, bare: ${raw('b', bf.samples)}.`, '');

  lines.push('## Refresh throughput with the node full', '');
  lines.push('Paced refresh commands spread over all connections (bare: the same frame echoed); latency from send to reply.', '');
  const rr = (p['refresh-rate'] || {}).steps || [], br = (p['bare-echo-rate'] || {}).steps || [];
  lines.push(table(['target /s', 'Tether achieved /s', 'p50 ms', 'p99 ms', 'max ms', 'bare achieved /s', 'p50', 'p99', 'max', 'target', ''],
    rr.map(s => {
      const b = br.find(x => x.targetRate === s.targetRate) || { latencyMs: {} };
      const judged = s.targetRate >= TARGETS.refreshRate;
      return [s.targetRate, f(s.achievedRate), f(s.latencyMs.p50, 2), f(s.latencyMs.p99, 2), f(s.latencyMs.max, 2),
        f(b.achievedRate), f(b.latencyMs.p50, 2), f(b.latencyMs.p99, 2), f(b.latencyMs.max, 2),
        judged ? `≥ ${TARGETS.refreshRate}/s, p99 ≤ ${TARGETS.refreshP99} ms` : '',
        judged ? met(s.achievedRate >= 0.98 * TARGETS.refreshRate && s.latencyMs.p99 <= TARGETS.refreshP99 && s.unanswered === 0) : ''];
    })), '');

  lines.push('## Refresh storm', '');
  lines.push('Every connection sends one refresh in the same tick (per generator process).', '');
  const st = p.storm || {}, bs = p['bare-storm'] || {};
  const stormOk = st.sent > 0 && st.unanswered === 0 && st.lost === 0 && st.allAnsweredMs <= TARGETS.stormMs && (p.storm || {}).dropCount === 0;
  lines.push(table(['measure', 'Tether', 'bare', 'target', ''], [
    ['answered / sent', `${st.answered}/${st.sent}`, `${bs.answered}/${bs.sent}`, 'all', met(st.sent > 0 && st.answered === st.sent)],
    ['all answered after ms', f(st.allAnsweredMs, 0), f(bs.allAnsweredMs, 0), `≤ ${TARGETS.stormMs}`, met(stormOk)],
    ['latency p50 / p99 / max ms', lat(st.latencyMs), lat(bs.latencyMs), '', ''],
    ['dropped', drops(p.storm), drops(p['bare-storm']), '0', met((p.storm || {}).dropCount === 0)],
  ]), '');

  lines.push('## Expiry lateness', '');
  const la = p.lateness || {};
  lines.push(`${la.left} connections got tokens expiring over 3 s and were left unrefreshed; ${la.refreshed} more got `
    + 'the same and were refreshed with a long token halfway into their grace. Lateness = close seen by the client '
    + '(the moment its close frame arrived) − (exp + grace), grace 2 s.', '');
  const ll = la.latenessMs || {};
  lines.push(table(['measure', 'Tether', 'target', ''], [
    ['closed / expected', `${la.closed}/${la.expected}`, 'all', met(la.expected > 0 && la.closed === la.expected)],
    ['lateness p50 / p99 / max ms', `${f(ll.p50)} / ${f(ll.p99)} / ${f(ll.max)}`, `p99 ≤ ${TARGETS.latenessP99}`, met(ll.p99 !== undefined && ll.p99 <= TARGETS.latenessP99)],
    ['closed early', la.early, '0', met(la.early === 0)],
    ['refreshed connections closed', la.refreshedClosed, '0', met(la.refreshedClosed === 0)],
  ]), '');

  lines.push('## Expiry wave', '');
  const w = p.wave || {};
  const pw = (w.probe || {}).pingsDuringWave || {};
  lines.push(`${w.connections} connections refreshed to the same exp, so every deadline falls at one instant; a probe `
    + 'connection pings (method 7) every 10 ms from 1 s before it.', '');
  lines.push(table(['measure', 'Tether', 'target', ''], [
    ['closed / expected', `${w.closed}/${w.expected}`, 'all', met(w.expected > 0 && w.closed === w.expected)],
    ['last close after the deadline ms', f(w.allClosedAfterMs, 0), `≤ ${TARGETS.waveMs}`, met(w.allClosedAfterMs !== undefined && w.allClosedAfterMs <= TARGETS.waveMs)],
    ['lateness p50 / p99 / max ms', lat(w.latenessMs), '', ''],
    ['closed early', w.early, '0', met(w.early === 0)],
    ['probe ping during the wave p50 / p99 / max ms', lat(pw), `p99 ≤ ${TARGETS.probeP99}`, met(pw.p99 !== undefined && pw.p99 <= TARGETS.probeP99)],
    ['probe pings during the wave', pw.count || 0, '', ''],
  ]), '');

  lines.push('## Dropped connections by phase', '');
  lines.push('A drop is a close the phase did not ask for. "task queue is full" counts the server log\'s '
    + '`RejectedExecutionException: The thread pool\'s task queue is full` lines during the phase.', '');
  lines.push(table(['run', 'phase', 'dropped', 'by close code', 'task queue is full'],
    Object.entries(runs).flatMap(([l, r]) => Object.entries(r.phases).map(([name, ph]) =>
      [l, name, ph.dropCount, JSON.stringify(ph.drops || {}), ph.serverRejected])), ''));
  lines.push('', `Server log, whole run: ${Object.entries(runs).map(([l, r]) => `${l} ${r.serverRejectedTotal}`).join(', ')} `
    + '"task queue is full" lines.', '');

  if (order.length > 1) {
    lines.push('## Expiry schedulers side by side', '');
    lines.push(table(['expiry_scheduler', 'connects/s', 'heap KB/conn at N', 'refresh p99 ms (highest rate)', 'storm all answered ms',
      'lateness p99 ms', 'early', 'wave last close ms', 'probe p99 ms', 'dropped'],
    order.map(l => {
      const r = runs[l].phases;
      const steps = (r['refresh-rate'] || {}).steps || [];
      const top = steps.at(-1) || { latencyMs: {} };
      const per = ((r['tether-fill'] || {}).perConnection || []).at(-1) || {};
      const dropped = Object.values(r).reduce((a, ph) => a + (ph.dropCount || 0), 0);
      return [l, f((r['tether-fill'] || {}).connectsPerSec), f(per.heapKB, 2), f(top.latencyMs.p99, 2),
        f((r.storm || {}).allAnsweredMs, 0), f(((r.lateness || {}).latenessMs || {}).p99), (r.lateness || {}).early,
        f((r.wave || {}).allClosedAfterMs, 0), f((((r.wave || {}).probe || {}).pingsDuringWave || {}).p99, 2), dropped];
    })), '');
  }
  lines.push('Raw figures: `results.json` (lateness samples in full). Plots: `lateness.png`, `heap.png`. '
    + 'Logs: `logs/`.', '');
  return { markdown: lines.join('\n'), machine: m };
}

function lat(s) {
  return s && s.count ? `${f(s.p50, 2)} / ${f(s.p99, 2)} / ${f(s.max, 2)}` : '–';
}

function drops(ph) {
  if (!ph) return '–';
  return ph.dropCount === 0 ? '0' : `${ph.dropCount} ${JSON.stringify(ph.drops)}`;
}

const { markdown, machine: m } = report();
fs.writeFileSync(path.join(out, 'report.md'), markdown);
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ machine: m, targets: TARGETS, runs }, null, 1));
