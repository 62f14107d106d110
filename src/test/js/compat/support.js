'use strict';

// Shared helpers for the centrifuge-js 2.8.5 compatibility tests: the server's settings from the
// environment, a browser-like HTTP session (FORM sign-in, cookies, refresh, sign-out), test tokens, and
// a recorded client (every socket, frame, event and refresh request with its time) with bounded waits.

const crypto = require('node:crypto');
const Centrifuge = require('centrifuge');
const WebSocket = require('ws');
const { XMLHttpRequest } = require('xmlhttprequest');

/** How long a connect may take before a wait for it fails. */
const CONNECT_WAIT_MS = 10_000;

/**
 * How long to watch for a reconnect that must not come: longer than centrifuge-js's first reconnect delay
 * (1-2 s), after which a client told to reconnect would open a new WebSocket.
 */
const NO_RECONNECT_WINDOW_MS = 3_000;

/** How long a stopped client's sockets get to finish their closing handshake before they are dropped. */
const CLOSE_WAIT_MS = 5_000;

const MAX_REDIRECTS = 10;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set: run these tests through CentrifugeJsCompatibilityIT`);
  }
  return value;
}

/** The deployment under test, as CentrifugeJsCompatibilityIT describes it. */
const server = Object.freeze({
  baseUrl: required('BASE_URL'),
  webSocketUrl: new URL('connection/websocket', required('BASE_URL')).href.replace(/^http/, 'ws'),
  refreshUrl: new URL('centrifuge/refresh', required('BASE_URL')).href,
  secret: required('TOKEN_SECRET'),
  user: required('DEMO_USER'),
  password: required('DEMO_PASSWORD'),
  graceMillis: Number(required('GRACE_SECONDS')) * 1000,
  ttlMillis: Number(required('TOKEN_TTL_SECONDS')) * 1000,
});

// ---------------------------------------------------------------------------------------------------
// Tokens

function base64Url(json) {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** An HS256 JWT with the given claims, signed with the server's secret unless another is given. */
function hs256(claims, secret = server.secret) {
  const signed = `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url(claims)}`;
  return `${signed}.${crypto.createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

/** An unsigned JWT: `alg: none` and an empty signature. */
function unsigned(claims) {
  return `${base64Url({ alg: 'none', typ: 'JWT' })}.${base64Url(claims)}.`;
}

function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** Whole seconds since the epoch, as JWT dates are written. */
function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

// ---------------------------------------------------------------------------------------------------
// Waiting

/** The promise's outcome, or a rejection saying what was awaited once `ms` have passed. */
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`expected ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------
// A browser's HTTP session: cookies kept across requests and redirects followed by hand, since Node's
// fetch keeps no cookies.

class BrowserSession {
  #cookies = new Map();

  /** A session signed in as the demo user, checked through GET centrifuge/session. */
  static async signedIn() {
    const session = new BrowserSession();
    await session.signIn();
    return session;
  }

  /** The Cookie header a browser would send with this session's requests. */
  cookieHeader() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path, { method = 'GET', headers = {}, body } = {}) {
    let url = new URL(path, server.baseUrl);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const cookie = this.cookieHeader();
      const response = await fetch(url, {
        method,
        body,
        headers: cookie ? { ...headers, Cookie: cookie } : headers,
        redirect: 'manual',
      });
      this.#keep(response.headers.getSetCookie());
      if (![301, 302, 303, 307, 308].includes(response.status)) {
        return { status: response.status, url: url.href, text: await response.text() };
      }
      await response.arrayBuffer();
      url = new URL(response.headers.get('location'), url);
      if (response.status === 303 || (response.status <= 302 && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = {};
      }
    }
    throw new Error(`expected at most ${MAX_REDIRECTS} redirects from ${path}`);
  }

  #keep(setCookies) {
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const removed = attributes.some(attribute => /^\s*max-age\s*=\s*0\s*$/i.test(attribute));
      if (removed || value === '') {
        this.#cookies.delete(name);
      } else {
        this.#cookies.set(name, value);
      }
    }
  }

  async signIn() {
    const form = new URLSearchParams({ j_username: server.user, j_password: server.password });
    const landing = await this.request('j_security_check', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (landing.status !== 200) {
      throw new Error(`expected sign-in to land on a 200 page, got ${landing.status} at ${landing.url}`);
    }
    const who = await this.request('centrifuge/session');
    if (who.status !== 200 || JSON.parse(who.text).user !== server.user) {
      throw new Error(`expected centrifuge/session to name ${server.user} after sign-in, `
        + `got ${who.status} ${who.text}`);
    }
  }

  /** POST centrifuge/refresh as centrifuge-js sends it: `{status, token}`, token only on 200. */
  async refresh() {
    const response = await this.request('centrifuge/refresh', {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
      body: '{}',
    });
    return response.status === 200
      ? { status: 200, token: JSON.parse(response.text).token }
      : { status: response.status };
  }

  async signOut() {
    return this.request('logout', { method: 'POST' });
  }

  /** A first token for a client, failing the test unless the session gets one. */
  async token() {
    const refreshed = await this.refresh();
    if (refreshed.status !== 200 || !refreshed.token) {
      throw new Error(`expected POST centrifuge/refresh to answer 200 with a token, got ${refreshed.status}`);
    }
    return refreshed.token;
  }
}

// ---------------------------------------------------------------------------------------------------
// A real centrifuge-js client whose sockets, frames, events and refresh requests are recorded.

/**
 * Entries of {@link RecordedClient#log}, each with `at` (epoch ms):
 * - `socket`: a WebSocket was constructed (`index`);
 * - `sent` / `received`: one protocol frame line (`frame`, parsed) on socket `index`;
 * - `closed`: socket `index` closed (`code`, `reason`);
 * - `connect` / `disconnect`: the client's events (`context`);
 * - `refresh-request`: the client asked for a token (`via`: hook or xhr, `method`, `url`);
 * - `refresh-response`: the answer (`status`, `token` on 200).
 */
class RecordedClient {
  log = [];
  stopped = false;
  #sockets = [];
  #waiters = new Set();
  #started = Date.now();

  /**
   * @param {object} options
   * @param {string} options.token the first connection token
   * @param {function(): Promise<{status: number, token?: string}>} [options.refresh] a token source for the
   *   client's onRefresh hook; without it the client makes its own AJAX call through XMLHttpRequest
   * @param {object} [options.config] further centrifuge-js options
   */
  constructor({ token, refresh, config = {} }) {
    const hooks = refresh ? { onRefresh: this.#hook(refresh) } : { xmlhttprequest: this.#xhrClass() };
    this.client = new Centrifuge(server.webSocketUrl, {
      websocket: this.#webSocketClass(),
      ...hooks,
      ...config,
    });
    this.client.setToken(token);
    this.client.on('connect', context => this.#record('connect', { context }));
    this.client.on('disconnect', context => this.#record('disconnect', { context }));
  }

  connect() {
    this.client.connect();
    return this;
  }

  /** Entries of the kind, optionally filtered. */
  entries(kind, where = () => true) {
    return this.log.filter(entry => entry.kind === kind && where(entry));
  }

  /** The first entry (already logged or yet to come) for which the predicate holds, within `ms`. */
  until(what, predicate, ms) {
    const seen = this.log.find(predicate);
    if (seen) {
      return Promise.resolve(seen);
    }
    let waiter;
    const found = new Promise(resolve => {
      waiter = { predicate, resolve };
      this.#waiters.add(waiter);
    });
    return within(ms, what, found)
      .catch(error => {
        throw new Error(`${error.message}; recorded: ${this.summary()}`);
      })
      .finally(() => this.#waiters.delete(waiter));
  }

  /** Resolves after `ms` unless an entry matching the predicate is logged first, which rejects. */
  async noneFor(ms, what, predicate) {
    const since = Date.now();
    const unexpected = await this.until(what, entry => entry.at >= since && predicate(entry), ms)
      .catch(() => null);
    if (unexpected) {
      throw new Error(`expected no ${what} within ${ms} ms, got one after ${unexpected.at - since} ms; `
        + `recorded: ${this.summary()}`);
    }
  }

  /** The recorded entries in short, for failure messages and the log. */
  summary(separator = ' | ') {
    return this.log.map(entry => `+${entry.at - this.#started}ms ${entry.kind} ${details(entry)}`.trim())
      .join(separator);
  }

  /**
   * Disconnects the client and waits for its sockets to close, so that nothing keeps Node running.
   * centrifuge-js 2.8.5 re-arms its refresh timer when a REFRESH was pending at the disconnect (the
   * rejection reaches _refreshError a microtask later), so it is told to disconnect once more after that;
   * refresh requests of a stopped client are neither sent nor answered.
   */
  async stop() {
    this.stopped = true;
    this.client.disconnect();
    await new Promise(resolve => setImmediate(resolve));
    this.client.disconnect();
    await Promise.all(this.#sockets.map(socket => closed(socket)));
  }

  #record(kind, details) {
    const entry = { kind, at: Date.now(), ...details };
    this.log.push(entry);
    for (const waiter of this.#waiters) {
      if (waiter.predicate(entry)) {
        this.#waiters.delete(waiter);
        waiter.resolve(entry);
      }
    }
  }

  #recordFrames(kind, index, data) {
    for (const line of String(data).split('\n').filter(Boolean)) {
      this.#record(kind, { index, frame: parsed(line) });
    }
  }

  /** The ws WebSocket, counting constructions and recording every frame and close. */
  #webSocketClass() {
    const recorder = this;
    return class RecordedWebSocket extends WebSocket {
      constructor(...args) {
        super(...args);
        const index = recorder.#sockets.push(this) - 1;
        recorder.#record('socket', { index });
        this.addEventListener('message', event => recorder.#recordFrames('received', index, event.data));
        this.addEventListener('close', event => recorder.#record('closed', {
          index, code: event.code, reason: event.reason,
        }));
      }

      send(data) {
        recorder.#recordFrames('sent', this.#index(), data);
        super.send(data);
      }

      #index() {
        return recorder.#sockets.indexOf(this);
      }
    };
  }

  /** An onRefresh hook answering from the token source, as the README's Node wiring does with fetch. */
  #hook(refresh) {
    return (context, callback) => {
      if (this.stopped) {
        return;
      }
      this.#record('refresh-request', { via: 'hook' });
      refresh().then(({ status, token }) => {
        this.#record('refresh-response', { status, token });
        if (!this.stopped) {
          callback(status === 200 ? { status, data: { token } } : { status });
        }
      }, error => {
        this.#record('refresh-response', { status: 0, error: String(error) });
        if (!this.stopped) {
          callback({ status: 0, error: String(error) });
        }
      });
    };
  }

  /**
   * The npm xmlhttprequest XMLHttpRequest, with its forbidden-header check off so that a Cookie header
   * from refreshHeaders goes along, and each request and its answer recorded.
   */
  #xhrClass() {
    const recorder = this;
    return function RecordedXMLHttpRequest() {
      const xhr = new XMLHttpRequest();
      xhr.setDisableHeaderCheck(true);
      const open = xhr.open;
      const send = xhr.send;
      let request;
      xhr.open = function (method, url, ...rest) {
        request = { via: 'xhr', method, url };
        return open.call(xhr, method, url, ...rest);
      };
      xhr.send = function (body) {
        if (recorder.stopped) {
          return;
        }
        recorder.#record('refresh-request', request);
        const clientHandler = xhr.onreadystatechange;
        let answered = false;
        xhr.onreadystatechange = function () {
          if (xhr.readyState === 4 && !answered) {
            answered = true;
            const token = xhr.status === 200 ? JSON.parse(xhr.responseText).token : undefined;
            recorder.#record('refresh-response', { status: xhr.status, token });
          }
          if (!recorder.stopped && clientHandler) {
            clientHandler.call(xhr);
          }
        };
        send.call(xhr, body);
      };
      return xhr;
    };
  }
}

/** What matters of an entry, in a few words. */
function details(entry) {
  if (entry.frame) {
    return JSON.stringify(entry.frame).slice(0, 80);
  }
  if (entry.context) {
    return JSON.stringify(entry.context);
  }
  if (entry.kind === 'closed') {
    return `${entry.code} ${entry.reason}`;
  }
  if (entry.kind === 'refresh-request') {
    return entry.via;
  }
  return entry.kind === 'refresh-response' ? String(entry.status) : '';
}

/** A frame line as JSON; a line that is not JSON is kept as `{unparsed: line}` for the assertions. */
function parsed(line) {
  try {
    return JSON.parse(line);
  } catch {
    return { unparsed: line };
  }
}

function closed(socket) {
  if (socket.readyState === WebSocket.CLOSED) {
    return Promise.resolve();
  }
  return within(CLOSE_WAIT_MS, 'the socket to close', new Promise(resolve => socket.once('close', resolve)))
    .catch(() => socket.terminate());
}

/**
 * A recorded client that has started connecting and is stopped when the test ends, passed or failed.
 *
 * @param {import('node:test').TestContext} t the test
 */
function startClient(t, options) {
  const recorded = new RecordedClient(options);
  t.after(async () => {
    await recorded.stop();
    t.diagnostic(`timeline:\n  ${recorded.summary('\n  ')}`);
  });
  return recorded.connect();
}

// ---------------------------------------------------------------------------------------------------
// Predicates over log entries

const is = {
  connect: entry => entry.kind === 'connect',
  disconnect: entry => entry.kind === 'disconnect',
  socket: entry => entry.kind === 'socket',
  refreshAnswered: status => entry => entry.kind === 'refresh-response' && entry.status === status,
  /** A connect command (the only command without a method) sent by the client. */
  connectCommand: entry => entry.kind === 'sent' && entry.frame.method === undefined,
  refreshCommand: entry => entry.kind === 'sent' && entry.frame.method === 10,
  error: code => entry => entry.kind === 'received' && entry.frame.error && entry.frame.error.code === code,
};

/** The server's reply to the command sent as `command` on the same socket, if logged. */
function replyTo(recorded, command) {
  return recorded.log.find(entry => entry.kind === 'received' && entry.index === command.index
    && entry.frame.id === command.frame.id);
}

module.exports = {
  CONNECT_WAIT_MS,
  NO_RECONNECT_WINDOW_MS,
  BrowserSession,
  claimsOf,
  hs256,
  is,
  nowSeconds,
  replyTo,
  server,
  startClient,
  unsigned,
};
