'use strict';
// The coordinator of the load generator (started by src/bench/run): forks the workers, runs the
// phases in order against one running server, samples the server's memory, and writes the raw
// figures to <out>/raw-<label>.json. Every phase and the whole run are bounded in time.
//
//   node bench.js --port P --pid PID --label queue --connections N --phases bare,tether,... --out DIR
//   node bench.js --wait-ready --port P --grace-ms 2000 --secret S   (readiness and grace check)
const { fork, execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const WebSocket = require('ws');
const { mint, now, summarize, round, sleep } = require('./lib');

const PER_WORKER = 5000;          // connections one worker process holds at most
const CONNECT_CONCURRENCY = 200;  // connects in flight at once, over all workers
const LATENESS_SET = 2000;        // connections left to expire in the lateness phase (at most)
const REFRESHED_SET = 1000;       // connections refreshed within their grace, that must survive (at most)
const SET_RATE = 2000;            // refreshes/s when handing out the lateness phase's short tokens
const WAVE_RATE = 4000;           // refreshes/s when handing out the wave's common exp
const PROBE_PING_MS = 10;         // the probe's ping interval during the wave
const PHASE_TIMEOUT_MS = 5 * 60 * 1000;
const LONG_LIFE_S = 7200;
const WARM_UP = 19000;            // connections opened and closed before the first baseline (at most N)         // exp of tokens that must not expire during the run

const args = parseArgs(process.argv.slice(2));
const secret = args.secret;
const graceMs = Number(args['grace-ms'] || 2000);
const port = Number(args.port);
const urls = {
  tether: `ws://127.0.0.1:${port}/connection/websocket`,
  bare: `ws://127.0.0.1:${port}/bare/bare`,
};
const workers = [];

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

function log(...parts) {
  console.log(`[bench ${new Date().toISOString().slice(11, 23)}]`, ...parts);
}

function longExp() {
  return Date.now() / 1000 + LONG_LIFE_S;
}

// ---- workers -------------------------------------------------------------------------------

let seq = 0;
const waiting = new Map();

function startWorkers(count) {
  for (let w = 0; w < count; w++) {
    const child = fork(path.join(__dirname, 'worker.js'), [], { execArgv: ['--max-old-space-size=3072'] });
    child.on('message', m => {
      const p = waiting.get(m.seq);
      if (!p) return;
      waiting.delete(m.seq);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result); else p.reject(new Error(`worker ${w}: ${m.error}`));
    });
    child.on('exit', code => {
      if (!shuttingDown) { log(`worker ${w} exited (${code})`); finish(2); }
    });
    workers.push(child);
  }
}

function call(w, cmd, params = {}, timeoutMs = PHASE_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const id = ++seq;
    const timer = setTimeout(() => { waiting.delete(id); reject(new Error(`${cmd} timed out`)); }, timeoutMs);
    waiting.set(id, { resolve, reject, timer });
    workers[w].send({ seq: id, cmd, ...params });
  });
}

function all(cmd, paramsOf = () => ({}), timeoutMs) {
  return Promise.all(workers.map((_, w) => call(w, cmd, paramsOf(w), timeoutMs)));
}

function split(total) {
  return workers.map((_, w) => Math.floor(total / workers.length) + (w < total % workers.length ? 1 : 0));
}

let shuttingDown = false;
function finish(code) {
  shuttingDown = true;
  for (const child of workers) if (child.connected) child.kill();
  process.exit(code);
}
process.on('exit', () => { for (const child of workers) if (child.exitCode === null) child.kill('SIGKILL'); });
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));

// ---- the server ----------------------------------------------------------------------------

function serverSample(connections) {
  const pid = String(args.pid);
  execFileSync('jcmd', [pid, 'GC.run'], { timeout: 60000 });
  const info = execFileSync('jcmd', [pid, 'GC.heap_info'], { timeout: 60000 }).toString();
  const used = /used (\d+)K/.exec(info);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = name => Number((new RegExp(`${name}:\\s+(\\d+)`).exec(status) || [])[1]);
  return {
    connections,
    heapAfterGcKB: used ? Number(used[1]) : null,
    rssKB: field('VmRSS'),
    threads: field('Threads'),
    fds: fs.readdirSync(`/proc/${pid}/fd`).length,
  };
}

/** Lines in the server log that mark the container's task-queue overflow (the known cause of 1006 drops). */
function rejectedCount() {
  if (!args['server-log'] || !fs.existsSync(args['server-log'])) return 0;
  try {
    return Number(execFileSync('grep', ['-c', 'task queue is full', args['server-log']]).toString().trim());
  } catch (e) {
    return 0; // grep exits 1 when nothing matches
  }
}

// ---- phases --------------------------------------------------------------------------------

const results = { label: args.label, scheduler: args.scheduler, connections: Number(args.connections), phases: {} };
const failures = [];

function check(ok, what) {
  if (!ok) { failures.push(what); log(`CHECK FAILED: ${what}`); }
}

async function phase(name, body) {
  log(`phase ${name}`);
  await all('phase', () => ({ name }));
  const rejectedBefore = rejectedCount();
  const before = mergeStatus(await all('status'));
  const t0 = now();
  let out;
  try {
    out = await body();
  } catch (e) {
    check(false, `${name}: did not complete (${e.message.split('\n')[0]})`);
    out = { error: String(e.message) };
  }
  const after = mergeStatus(await all('status'));
  out.durationMs = round(now() - t0, 0);
  out.drops = after.drops[name] || {};
  out.dropCount = Object.values(out.drops).reduce((a, b) => a + b, 0);
  out.serverRejected = rejectedCount() - rejectedBefore;
  out.aliveAfter = after.alive;
  results.phases[name] = out;
  check(out.dropCount === 0, `${name}: ${out.dropCount} connections dropped ${JSON.stringify(out.drops)}`);
  log(`phase ${name} done in ${out.durationMs} ms; drops ${out.dropCount}; alive ${JSON.stringify(after.alive)}`);
  return out;
}

function mergeStatus(list) {
  const merged = { alive: { tether: 0, bare: 0 }, drops: {}, refreshedClosed: 0, early: 0,
    rerefresh: { sent: 0, answered: 0, failed: 0 } };
  for (const s of list) {
    merged.alive.tether += s.alive.tether;
    merged.alive.bare += s.alive.bare;
    merged.refreshedClosed += s.refreshedClosed;
    merged.early += s.early;
    for (const k of Object.keys(merged.rerefresh)) merged.rerefresh[k] += s.rerefresh[k];
    for (const [ph, codes] of Object.entries(s.drops)) {
      const m = merged.drops[ph] || (merged.drops[ph] = {});
      for (const [code, n] of Object.entries(codes)) m[code] = (m[code] || 0) + n;
    }
  }
  return merged;
}

function samplePoints(n) {
  const points = n >= 10000 ? [5000, 10000, n] : [Math.ceil(n / 4), Math.ceil(n / 2), n];
  return [...new Set(points)].filter(p => p > 0 && p <= n);
}

async function fill(app) {
  const n = results.connections;
  const samples = [serverSample(0)];
  let opened = 0, elapsedMs = 0;
  const failuresBy = {};
  let connectMs = [];
  for (const point of samplePoints(n)) {
    const counts = split(point - opened);
    const concurrency = Math.ceil(CONNECT_CONCURRENCY / workers.length);
    const res = await all('open', w => ({ app, count: counts[w], concurrency, expSeconds: longExp(),
      timeoutMs: PHASE_TIMEOUT_MS - 10000 }));
    elapsedMs += Math.max(...res.map(r => r.elapsedMs));
    for (const r of res) {
      opened += r.ok;
      connectMs = connectMs.concat(r.connectMs);
      for (const [why, k] of Object.entries(r.failures)) failuresBy[why] = (failuresBy[why] || 0) + k;
    }
    samples.push(serverSample(opened));
    log(`${app}: ${opened} open; heap ${samples.at(-1).heapAfterGcKB} KB, RSS ${samples.at(-1).rssKB} KB`);
  }
  check(opened === n, `${app} fill: ${opened} of ${n} connected ${JSON.stringify(failuresBy)}`);
  return {
    opened, target: n, failures: failuresBy, connectsPerSec: round(opened / (elapsedMs / 1000), 1),
    connectMs: summarize(connectMs), samples, perConnection: perConnection(samples),
  };
}

function perConnection(samples) {
  const base = samples[0];
  return samples.slice(1).map(s => ({
    connections: s.connections,
    heapKB: round((s.heapAfterGcKB - base.heapAfterGcKB) / s.connections, 2),
    rssKB: round((s.rssKB - base.rssKB) / s.connections, 2),
  }));
}

async function requestRates(app) {
  const rates = String(args['refresh-rates'] || '1000,5000').split(',').map(Number);
  const durationMs = Number(args['refresh-seconds'] || 10) * 1000;
  const steps = [];
  for (const rate of rates) {
    const res = await all('requests', () => ({ app, ratePerSec: rate / workers.length, durationMs,
      expSeconds: longExp() }));
    const m = mergeReplies(res);
    const span = (m.lastReply - m.firstSend) / 1000;
    const step = { targetRate: rate, sent: m.sent, answered: m.answered, errors: m.errors, lost: m.lost,
      unanswered: m.unanswered, achievedRate: round(m.answered / span, 1), latencyMs: summarize(m.latencies) };
    check(m.unanswered === 0 && m.lost === 0 && Object.keys(m.errors).length === 0,
      `${app} refresh at ${rate}/s: ${m.unanswered} unanswered, ${m.lost} lost, errors ${JSON.stringify(m.errors)}`);
    log(`${app} ${rate}/s: achieved ${step.achievedRate}/s, p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} ms`);
    steps.push(step);
    await sleep(1000);
  }
  return { steps };
}

function mergeReplies(list) {
  const m = { sent: 0, answered: 0, lost: 0, unanswered: 0, errors: {}, latencies: [], firstSend: Infinity,
    lastSend: 0, lastReply: 0 };
  for (const r of list) {
    m.sent += r.sent; m.answered += r.answered; m.lost += r.lost || 0; m.unanswered += r.unanswered || 0;
    for (const [c, k] of Object.entries(r.errors || {})) m.errors[c] = (m.errors[c] || 0) + k;
    for (const x of r.latencies) m.latencies.push(x);
    if (r.firstSend !== null && r.firstSend < m.firstSend) m.firstSend = r.firstSend;
    if (r.lastSend > m.lastSend) m.lastSend = r.lastSend;
    if (r.lastReply > m.lastReply) m.lastReply = r.lastReply;
  }
  return m;
}

async function stormPhase(app) {
  const at = now() + 1500;
  const m = mergeReplies(await all('storm', () => ({ app, at, expSeconds: longExp() })));
  const out = { sent: m.sent, answered: m.answered, unanswered: m.unanswered, lost: m.lost, errors: m.errors,
    sendSpreadMs: round(m.lastSend - m.firstSend, 1), allAnsweredMs: round(m.lastReply - at, 1),
    latencyMs: summarize(m.latencies) };
  check(m.unanswered === 0 && m.lost === 0 && Object.keys(m.errors).length === 0,
    `${app} storm: ${m.unanswered} unanswered, ${m.lost} lost, errors ${JSON.stringify(m.errors)}`);
  log(`${app} storm: ${m.answered}/${m.sent} answered, all within ${out.allAnsweredMs} ms`);
  return out;
}

async function latenessPhase() {
  const alive = mergeStatus(await all('status')).alive.tether;
  const left = Math.min(LATENESS_SET, Math.floor(alive * 0.3));
  const refreshed = Math.min(REFRESHED_SET, Math.floor(alive * 0.1));
  const t = Date.now() / 1000;
  const window = { expFrom: t + 3, expTo: t + 6, graceMs, longExp: longExp(), ratePerSec: SET_RATE / workers.length };
  const leftCounts = split(left), refreshedCounts = split(refreshed);
  const [sets, rsets] = await Promise.all([
    all('expireSet', w => ({ kind: 'L', count: leftCounts[w], ...window })),
    all('expireSet', w => ({ kind: 'R', count: refreshedCounts[w], ...window })),
  ]);
  const until = window.expTo * 1000 + graceMs + 10000;
  const closes = await all('waitCloses', () => ({ phase: 'lateness', until }), until - Date.now() + 30000);
  await sleep(Math.max(0, window.expTo * 1000 + graceMs + 1000 - Date.now())); // the refreshed outlive their old deadlines
  const st = mergeStatus(await all('status'));
  const lateness = closes.flatMap(c => c.lateness);
  const out = {
    left: sets.reduce((a, s) => a + s.assigned, 0), refreshed: rsets.reduce((a, s) => a + s.assigned, 0),
    expected: sum(closes, 'expected'), closed: sum(closes, 'closed'), notClosed: sum(closes, 'notClosed'),
    closedOtherwise: sum(closes, 'closedOtherwise'), early: lateness.filter(x => x < 0).length,
    refreshedClosed: st.refreshedClosed, rerefresh: st.rerefresh,
    latenessMs: summarize(lateness), samples: lateness.map(x => round(x, 1)),
  };
  check(out.notClosed === 0 && out.closedOtherwise === 0, `lateness: ${out.notClosed} not closed, `
    + `${out.closedOtherwise} closed with another code`);
  check(out.early === 0, `lateness: ${out.early} closed early`);
  check(out.refreshedClosed === 0, `lateness: ${out.refreshedClosed} refreshed connections closed`);
  check(st.rerefresh.failed === 0 && st.rerefresh.answered === st.rerefresh.sent,
    `lateness: refresh within grace ${JSON.stringify(st.rerefresh)}`);
  log(`lateness: ${out.closed}/${out.expected} closed, p50 ${out.latenessMs.p50} p99 ${out.latenessMs.p99} `
    + `max ${out.latenessMs.max} ms, early ${out.early}, refreshed closed ${out.refreshedClosed}`);
  return out;
}

function sum(list, key) {
  return list.reduce((a, x) => a + x[key], 0);
}

async function wavePhase(probe) {
  const alive = mergeStatus(await all('status')).alive.tether;
  const expSeconds = Math.ceil((Date.now() + (alive / WAVE_RATE) * 1000 + 3000) / 1000);
  const deadline = expSeconds * 1000 + graceMs;
  probe.startPinging(deadline - 1000);
  const set = await all('wave', () => ({ expSeconds, graceMs, ratePerSec: WAVE_RATE / workers.length }));
  const refreshes = mergeReplies(set.map(s => s.refreshes));
  const until = deadline + 15000;
  const closes = await all('waitCloses', () => ({ phase: 'wave', until }), until - Date.now() + 30000);
  const lastClose = Math.max(...closes.map(c => c.lastClose));
  await sleep(300);
  const pings = probe.stopPinging();
  const lateness = closes.flatMap(c => c.lateness);
  const during = pings.filter(p => p.t0 >= deadline && p.t0 <= Math.max(lastClose, deadline)).map(p => p.ms);
  const out = {
    connections: sum(set, 'assigned'), refreshesAnswered: refreshes.answered,
    expected: sum(closes, 'expected'), closed: sum(closes, 'closed'), notClosed: sum(closes, 'notClosed'),
    closedOtherwise: sum(closes, 'closedOtherwise'), early: lateness.filter(x => x < 0).length,
    allClosedAfterMs: round(lastClose - deadline, 1), latenessMs: summarize(lateness),
    samples: lateness.map(x => round(x, 1)),
    probe: { pingsDuringWave: summarize(during), pingsAll: summarize(pings.map(p => p.ms)),
      unanswered: pings.filter(p => Number.isNaN(p.ms)).length, closed: probe.closed },
  };
  check(out.notClosed === 0 && out.closedOtherwise === 0,
    `wave: ${out.notClosed} not closed, ${out.closedOtherwise} closed with another code`);
  check(out.early === 0, `wave: ${out.early} closed early`);
  check(!probe.closed, `wave: the probe connection was closed (${probe.closed})`);
  log(`wave: ${out.closed}/${out.expected} closed, last ${out.allClosedAfterMs} ms after the deadline; `
    + `probe ping p99 ${out.probe.pingsDuringWave.p99} ms`);
  return out;
}

// ---- the probe: one connection of its own, pinging -------------------------------------------

function openProbe() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(urls.tether, { localAddress: '127.0.0.1', perMessageDeflate: false });
    const probe = { closed: null, pings: [], timer: null, nextId: 2 };
    const pending = new Map();
    const fail = setTimeout(() => reject(new Error('probe connect timed out')), 30000);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, params: { token: mint(secret, 'probe', longExp()) } })));
    ws.on('message', data => {
      const t = now();
      for (const line of String(data).split('\n')) {
        if (!line) continue;
        const reply = JSON.parse(line);
        if (reply.id === 1) { clearTimeout(fail); resolve(probe); continue; }
        const p = pending.get(reply.id);
        if (p) { pending.delete(reply.id); p.ms = t - p.t0; }
      }
    });
    ws.on('close', code => { probe.closed = code; });
    ws.on('error', e => reject(e));
    probe.startPinging = (from) => {
      const tick = () => {
        if (probe.closed !== null || probe.pings.length > 100000) return;
        if (now() >= from) {
          const p = { t0: now(), ms: NaN };
          const id = probe.nextId++;
          pending.set(id, p);
          probe.pings.push(p);
          ws.send(`{"id":${id},"method":7}`);
        }
        probe.timer = setTimeout(tick, PROBE_PING_MS);
      };
      tick();
    };
    probe.stopPinging = () => { clearTimeout(probe.timer); return probe.pings; };
    probe.close = () => { probe.closed = probe.closed ?? 'self'; ws.close(1000); };
  });
}

// ---- readiness -----------------------------------------------------------------------------

function tryConnect(url, text, expect) {
  return new Promise(resolve => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 5000 });
    const timer = setTimeout(() => { ws.terminate(); resolve(null); }, 6000);
    const out = { ws };
    ws.on('open', () => ws.send(text));
    ws.on('message', d => { clearTimeout(timer); out.reply = String(d); resolve(expect(out.reply) ? out : null); });
    ws.on('error', () => { clearTimeout(timer); resolve(null); });
  });
}

async function waitReady() {
  const deadline = Date.now() + Number(args['timeout-s'] || 240) * 1000;
  let tether = null, bare = null;
  while (Date.now() < deadline && (!tether || !bare)) {
    if (!tether) tether = await tryConnect(urls.tether, JSON.stringify({ id: 1, params: { token:
      mint(secret, 'ready', longExp()) } }), r => r.includes('"result"'));
    if (!bare) bare = await tryConnect(urls.bare, 'hello', r => r === 'hello');
    if (!tether || !bare) await sleep(1000);
  }
  if (!tether || !bare) { log(`not ready: tether ${!!tether}, bare ${!!bare}`); return 3; }
  tether.ws.close(); bare.ws.close();

  // The grace the server applies must be the one the run assumes, or every lateness is wrong.
  const exp = Date.now() / 1000 + 0.5;
  const c = await tryConnect(urls.tether, JSON.stringify({ id: 1, params: { token: mint(secret, 'grace', exp) } }),
    r => r.includes('"result"'));
  if (!c) { log('grace check: connect failed'); return 3; }
  const closedAt = await new Promise(resolve => {
    const timer = setTimeout(() => { c.ws.terminate(); resolve(null); }, graceMs + 5000);
    c.ws.on('close', code => { clearTimeout(timer); resolve(code === 3005 ? Date.now() : null); });
  });
  const late = closedAt === null ? null : closedAt - (exp * 1000 + graceMs);
  if (late === null || late < -5 || late > 2000) {
    log(`grace check failed: a token expiring at +0.5 s was not closed with 3005 near exp + ${graceMs} ms `
      + `(lateness ${late}); is client_expired_close_delay reaching the server?`);
    return 3;
  }
  log(`ready: both endpoints answer; grace check lateness ${late} ms`);
  return 0;
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  if (args['wait-ready']) return waitReady();
  const n = results.connections;
  const phases = String(args.phases).split(',');
  startWorkers(Math.max(2, Math.ceil(n / PER_WORKER)));
  await all('init', w => ({ config: { workerId: w, localAddress: `127.0.0.${2 + w + Number(args['address-offset'] || 0)}`,
    urls, secret } }));
  results.workers = workers.length;
  results.startedAt = new Date().toISOString();
  const t0 = Date.now();

  if (phases.includes('bare') || phases.includes('tether')) {
    // The first handshake burst grows the container's thread pools (about 100 to 300 threads), and a
    // closed connection leaves memory behind that the next connections reuse (about 11 KB each, seen
    // with 3,000). Opening and closing N connections first puts both endpoints' fills on equal terms.
    await phase('warm-up', async () => {
      const counts = split(Math.min(WARM_UP, n));
      const res = await all('open', w => ({ app: 'bare', count: counts[w], concurrency: Math.ceil(CONNECT_CONCURRENCY / workers.length),
        expSeconds: longExp(), timeoutMs: 120000 }));
      await all('closeAll', () => ({ app: 'bare', ratePerSec: 2000 / workers.length, timeoutMs: 60000 }));
      await settle();
      return { opened: sum(res, 'ok') };
    });
  }
  if (phases.includes('bare')) {
    await phase('bare-fill', () => fill('bare'));
    if (phases.includes('requests')) await phase('bare-echo-rate', () => requestRates('bare'));
    if (phases.includes('storm')) await phase('bare-storm', () => stormPhase('bare'));
    await phase('bare-close', async () => {
      const res = await all('closeAll', () => ({ app: 'bare', ratePerSec: 2000 / workers.length, timeoutMs: 60000 }));
      await settle();
      return { closed: sum(res, 'closed'), terminated: sum(res, 'terminated') };
    });
  }
  let probe = null;
  if (phases.includes('tether')) {
    await phase('tether-fill', () => fill('tether'));
    probe = await openProbe();
    if (phases.includes('requests')) await phase('refresh-rate', () => requestRates('tether'));
    if (phases.includes('storm')) await phase('storm', () => stormPhase('tether'));
    if (phases.includes('lateness')) await phase('lateness', () => latenessPhase());
    if (phases.includes('wave')) await phase('wave', () => wavePhase(probe));
    probe.close();
  }
  await all('closeAll', () => ({ ratePerSec: 2000 / workers.length, timeoutMs: 60000 }));
  results.durationMs = Date.now() - t0;
  results.serverRejectedTotal = rejectedCount();
  results.failures = failures;
  fs.writeFileSync(path.join(args.out, `raw-${args.label}.json`), JSON.stringify(results, null, 1));
  log(`wrote raw-${args.label}.json; ${failures.length} failed checks`);
  return failures.length === 0 ? 0 : 1;
}

/** After a mass close, waits (bounded) until the server's open descriptors stop falling. */
async function settle() {
  const fds = () => fs.readdirSync(`/proc/${args.pid}/fd`).length;
  const deadline = Date.now() + 30000;
  let last = fds(), steady = 0;
  while (Date.now() < deadline && steady < 4) {
    await sleep(500);
    const current = fds();
    steady = current >= last ? steady + 1 : 0;
    last = current;
  }
}

const overall = setTimeout(() => { log('the run exceeded its time bound'); finish(2); },
  Number(args['max-minutes'] || 20) * 60000);
overall.unref();
main().then(code => finish(code), e => { log(e.stack); finish(2); });
