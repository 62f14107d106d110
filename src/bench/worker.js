'use strict';
// One load-generator process: holds up to about 5,000 WebSocket connections from its own loopback
// source address and runs what the coordinator (bench.js) asks over IPC. Every wait is bounded.
const WebSocket = require('ws');
const { mint, now, sleep } = require('./lib');

const REPLY_WAIT_MS = 30000;      // longest wait for the replies of one batch of commands
const CONNECT_TIMEOUT_MS = 30000; // longest a single connect (handshake + connect reply) may take
const TICK_MS = 5;                // pacing granularity

let config;          // { workerId, localAddress, urls: { tether, bare }, secret }
let phase = 'init';
const conns = [];    // every connection this worker opened, alive or not
const drops = {};    // phase -> close code -> count: closes the phase did not expect
const expiries = []; // { phase, lateness, early } for every expected 3005 close
let refreshedClosed = 0;
const rerefreshStats = { sent: 0, answered: 0, failed: 0 }; // the second refresh of kind 'R'
let selfClosePending = 0;

process.on('message', async msg => {
  try {
    const result = await handlers[msg.cmd](msg);
    process.send({ seq: msg.seq, ok: true, result });
  } catch (e) {
    process.send({ seq: msg.seq, ok: false, error: String(e && e.stack || e) });
  }
});
process.on('disconnect', () => process.exit(0));
process.on('exit', () => {
  for (const c of conns) if (c.open) c.ws.terminate();
});

const handlers = {
  init(msg) { config = msg.config; return { pid: process.pid }; },
  phase(msg) { phase = msg.name; return {}; },
  open,
  requests,
  storm,
  expireSet,
  wave,
  waitCloses,
  closeAll,
  status,
};

function alive(app) {
  return conns.filter(c => c.open && c.ready && (!app || c.app === app));
}

// ---- connections ---------------------------------------------------------------------------

function connectOne(app, index, expSeconds) {
  return new Promise(resolve => {
    const sub = `w${config.workerId}-${app}-${index}`;
    const ws = new WebSocket(config.urls[app], {
      localAddress: config.localAddress, perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS,
    });
    const c = { ws, app, sub, index, open: false, ready: false, pending: new Map(), nextId: 2,
      expect: null, kind: null, selfClose: false, frameAt: null, closed: null };
    const t0 = now();
    let settled = false;
    const done = (ok, why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) { c.ready = true; conns.push(c); }
      resolve({ ok, why, ms: now() - t0 });
    };
    const timer = setTimeout(() => { done(false, 'timeout'); ws.terminate(); }, CONNECT_TIMEOUT_MS);

    // The moment the server's close frame arrived (ws calls close() on the instance when it does).
    ws.close = function (code, reason) {
      if (!c.selfClose && c.frameAt === null) c.frameAt = now();
      return WebSocket.prototype.close.call(this, code, reason);
    };
    ws.on('open', () => {
      c.open = true;
      const token = app === 'tether' ? mint(config.secret, sub, expSeconds) : 'x'.repeat(150);
      sendCommand(c, `{"id":1,"params":{"token":"${token}"}}`, 1, (reply) => {
        // Tether answers with a result; the bare endpoint echoes the frame.
        if (reply && (reply.result || (app === 'bare' && reply.params))) done(true);
        else done(false, reply && reply.error ? `error ${reply.error.code}` : 'no result');
      });
    });
    ws.on('message', data => onMessage(c, data));
    ws.on('error', e => { if (!settled) done(false, e.code || e.message); });
    ws.on('close', (code) => {
      if (!settled) done(false, `close ${code}`);
      onClose(c, code);
    });
  });
}

function sendCommand(c, text, id, callback) {
  if (!c.open) { callback(null, NaN, now()); return; }
  c.pending.set(id, { t0: now(), callback });
  c.ws.send(text);
}

function onMessage(c, data) {
  const t = now();
  for (const line of String(data).split('\n')) {
    if (line.length === 0) continue;
    let reply;
    try { reply = JSON.parse(line); } catch { continue; }
    const p = c.pending.get(reply.id);
    if (!p) continue;
    c.pending.delete(reply.id);
    p.callback(reply, t - p.t0, t);
  }
}

function onClose(c, code) {
  const wasReady = c.ready;
  c.open = false;
  c.ready = false;
  const t = c.frameAt !== null ? c.frameAt : now();
  c.closed = { code, t };
  for (const p of c.pending.values()) p.callback(null, NaN, t);
  c.pending.clear();
  if (c.selfClose) { selfClosePending--; return; }
  if (!wasReady) return; // a failed connect, counted by open()
  if (c.expect && code === 3005) {
    const lateness = t - c.expect.deadline;
    expiries.push({ phase: c.expect.phase, lateness });
    return;
  }
  const byCode = drops[phase] || (drops[phase] = {});
  byCode[code] = (byCode[code] || 0) + 1;
  if (c.kind === 'R') refreshedClosed++;
}

async function open(msg) {
  const { app, count, concurrency, expSeconds } = msg;
  const start = conns.length;
  const failures = {};
  let ok = 0, next = 0;
  const connectMs = [];
  const t0 = now();
  const deadline = t0 + msg.timeoutMs;
  async function lane() {
    while (next < count && now() < deadline) {
      const i = start + next++;
      const r = await connectOne(app, i, expSeconds);
      if (r.ok) { ok++; connectMs.push(r.ms); } else failures[r.why] = (failures[r.why] || 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const elapsedMs = now() - t0;
  return { ok, failed: count - ok, failures, elapsedMs, connectMs };
}

// ---- commands ------------------------------------------------------------------------------

function refreshText(c, id, expSeconds) {
  if (c.app === 'bare') return `{"id":${id},"method":10,"params":{"token":"${'x'.repeat(150)}"}}`;
  return `{"id":${id},"method":10,"params":{"token":"${mint(config.secret, c.sub, expSeconds)}"}}`;
}

/** Sends one refresh (an echo of one for the bare endpoint); callback(reply, latencyMs, time). */
function refresh(c, expSeconds, callback) {
  const id = c.nextId++;
  sendCommand(c, refreshText(c, id, expSeconds), id, callback);
}

/** Calls fn(item) for each item at ratePerSec, in ticks; resolves when all are done or at the deadline. */
async function paced(items, ratePerSec, fn, deadline) {
  const t0 = now();
  let done = 0;
  while (done < items.length && now() < deadline) {
    const due = Math.min(items.length, Math.floor(((now() - t0) / 1000) * ratePerSec) + 1);
    for (; done < due; done++) fn(items[done]);
    await sleep(TICK_MS);
  }
  return done;
}

/** Collects replies; resolves when `expected` have arrived (or failed) or at the deadline. */
function replies(expectedCount) {
  const stats = { sent: 0, answered: 0, errors: {}, lost: 0, latencies: [], firstSend: null, lastReply: null };
  let settledCount = 0;
  let resolveAll;
  const all = new Promise(r => { resolveAll = r; });
  const check = () => { if (settledCount >= stats.expected) resolveAll(); };
  stats.expected = expectedCount;
  stats.callback = (reply, ms, t) => {
    settledCount++;
    if (!reply) stats.lost++;
    else if (reply.error) stats.errors[reply.error.code] = (stats.errors[reply.error.code] || 0) + 1;
    else {
      stats.answered++;
      stats.latencies.push(ms);
      if (stats.lastReply === null || t > stats.lastReply) stats.lastReply = t;
    }
    check();
  };
  stats.wait = async (ms) => {
    check();
    await Promise.race([all, sleep(ms)]);
    stats.unanswered = stats.expected - settledCount;
    delete stats.callback; delete stats.wait;
    return stats;
  };
  return stats;
}

async function requests(msg) {
  const { app, ratePerSec, durationMs, expSeconds } = msg;
  const targets = alive(app);
  if (targets.length === 0) return { sent: 0, answered: 0, latencies: [] };
  const total = Math.round(ratePerSec * durationMs / 1000);
  const stats = replies(total);
  const items = Array.from({ length: total }, (_, k) => targets[k % targets.length]);
  stats.firstSend = now();
  stats.sent = await paced(items, ratePerSec, c => {
    if (c.open) refresh(c, expSeconds, stats.callback); else stats.callback(null, NaN, now());
  }, now() + durationMs + 5000);
  stats.lastSend = now();
  stats.expected = stats.sent;
  return stats.wait(REPLY_WAIT_MS);
}

async function storm(msg) {
  const { app, at, expSeconds } = msg;
  const targets = alive(app);
  const texts = targets.map(c => { const id = c.nextId++; return { c, id, text: refreshText(c, id, expSeconds) }; });
  const stats = replies(texts.length);
  await sleep(Math.max(0, at - now()));
  stats.firstSend = now();
  for (const { c, id, text } of texts) sendCommand(c, text, id, stats.callback);
  stats.lastSend = now();
  stats.sent = texts.length;
  return stats.wait(REPLY_WAIT_MS);
}

/** Gives `count` connections a short token each (exp spread evenly over [expFrom, expTo) s).
 *  kind 'L' is left to expire; kind 'R' is refreshed again with a long token halfway into its grace. */
async function expireSet(msg) {
  const { kind, count, expFrom, expTo, graceMs, longExp, ratePerSec } = msg;
  const targets = alive('tether').filter(c => c.kind === null).slice(0, count);
  const stats = replies(targets.length);
  const rerefresh = kind === 'R' ? rerefreshStats : null;
  targets.forEach((c, k) => { c.kind = kind; c.exp = expFrom + (expTo - expFrom) * (k + 0.5) / targets.length; });
  await paced(targets, ratePerSec, c => {
    if (kind === 'L') c.expect = { phase, deadline: c.exp * 1000 + graceMs };
    refresh(c, c.exp, stats.callback);
    if (kind === 'R') {
      const at = c.exp * 1000 + graceMs / 2;
      setTimeout(() => {
        rerefresh.sent++;
        refresh(c, longExp, (reply) => {
          if (reply && reply.result) rerefresh.answered++; else rerefresh.failed++;
        });
      }, Math.max(0, at - now()));
    }
  }, now() + 60000);
  const first = await stats.wait(REPLY_WAIT_MS);
  return { assigned: targets.length, first };
}

/** Every tether connection not left to expire gets a token with the same exp: all deadlines at once. */
async function wave(msg) {
  const { expSeconds, graceMs, ratePerSec } = msg;
  const targets = alive('tether').filter(c => c.kind !== 'L');
  const stats = replies(targets.length);
  await paced(targets, ratePerSec, c => {
    c.kind = 'W';
    c.expect = { phase, deadline: expSeconds * 1000 + graceMs };
    refresh(c, expSeconds, stats.callback);
  }, now() + 60000);
  return { assigned: targets.length, refreshes: await stats.wait(REPLY_WAIT_MS) };
}

/** Waits until every connection expected to expire has closed, or until `until` (epoch ms). */
async function waitCloses(msg) {
  const expected = conns.filter(c => c.expect && c.expect.phase === msg.phase);
  while (now() < msg.until && expected.some(c => c.open)) await sleep(20);
  const closes = expiries.filter(e => e.phase === msg.phase);
  return {
    expected: expected.length,
    closed: closes.length,
    notClosed: expected.filter(c => c.open).length,
    closedOtherwise: expected.filter(c => !c.open && c.closed && c.closed.code !== 3005).length,
    lateness: closes.map(e => e.lateness),
    lastClose: expected.reduce((m, c) => (c.closed && c.closed.t > m ? c.closed.t : m), 0),
  };
}

async function closeAll(msg) {
  const targets = conns.filter(c => c.open && (!msg.app || c.app === msg.app));
  selfClosePending += targets.length;
  await paced(targets, msg.ratePerSec, c => { c.selfClose = true; c.ws.close(1000); }, now() + msg.timeoutMs);
  const deadline = now() + msg.timeoutMs;
  while (selfClosePending > 0 && now() < deadline) await sleep(20);
  const stuck = targets.filter(c => c.open);
  for (const c of stuck) c.ws.terminate();
  return { closed: targets.length - stuck.length, terminated: stuck.length };
}

function status() {
  return {
    alive: { tether: alive('tether').length, bare: alive('bare').length },
    drops, refreshedClosed, rerefresh: rerefreshStats,
    early: expiries.filter(e => e.lateness < 0).length,
  };
}
