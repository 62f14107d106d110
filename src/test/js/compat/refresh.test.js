'use strict';

// A connected centrifuge-js 2.8.5 client refreshing at its ttl: on a signed-in session through the
// onRefresh hook or its own AJAX call it stays connected; a refresh token for another user or with a bad
// signature ends the connection for good with `invalid token`; an already expired one closes it `expired`,
// after which the client recovers with a new token.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const {
  BrowserSession, CONNECT_WAIT_MS, NO_RECONNECT_WINDOW_MS, claimsOf, hs256, is, nowSeconds, replyTo, server,
  startClient,
} = require('./support');

/** Slack for the client's refresh timer and the round trips of one refresh. */
const SLACK_MS = 3_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How soon the server answers a REFRESH. */
const REPLY_WAIT_MS = 1_000;

/**
 * Waits for `cycles` refreshes, each a 200 from the endpoint followed by an answered REFRESH, and
 * then watches the connection until it has lived `cycles` ttls plus a grace (so that a deadline the
 * server failed to move would have closed it), failing on any disconnect.
 */
async function assertRefreshedWithoutDisconnect(recorded, cycles) {
  const connected = await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);
  const connectReply = replyTo(recorded, recorded.log.find(is.connectCommand)).frame;
  assert.match(connectReply.result.client, UUID, 'expected the connect result to name the client by a UUID');
  assert.equal(connected.context.client, connectReply.result.client, 'expected the connect event to carry it');
  assert.equal(connectReply.result.expires, true, 'expected the connect result to say the token expires');
  assert.ok(connectReply.result.ttl > 0 && connectReply.result.ttl * 1000 <= server.ttlMillis,
    `expected a connect ttl in (0, ${server.ttlMillis / 1000}] s, got ${connectReply.result.ttl}`);

  const answered = entry => is.refreshCommand(entry) && replyTo(recorded, entry) !== undefined;
  await recorded.until(`${cycles} REFRESH commands answered`, () => recorded.log.filter(answered).length >= cycles,
    cycles * server.ttlMillis + SLACK_MS);
  const watchUntil = connected.at + cycles * server.ttlMillis + server.graceMillis + 500;
  await recorded.noneFor(Math.max(0, watchUntil - Date.now()), 'disconnect event', is.disconnect);

  const answers = recorded.entries('refresh-response');
  assert.ok(answers.filter(entry => entry.status === 200).length >= cycles,
    `expected at least ${cycles} refresh requests answered 200, got statuses ${answers.map(e => e.status)}`);
  assert.deepEqual(answers.filter(entry => entry.status !== 200), [], 'expected every refresh request answered 200');
  const commands = recorded.log.filter(is.refreshCommand);
  const unanswered = commands.filter(command => !answered(command) && command.at < Date.now() - REPLY_WAIT_MS);
  assert.deepEqual(unanswered, [], `expected every REFRESH to be answered within ${REPLY_WAIT_MS} ms`);
  for (const command of commands.filter(answered)) {
    const reply = replyTo(recorded, command).frame;
    assert.equal(reply.error, undefined, `expected REFRESH ${command.frame.id} to succeed: ${JSON.stringify(reply)}`);
    assert.equal(reply.result.client, connectReply.result.client, 'expected REFRESH to answer for the same client');
    assert.equal(reply.result.expires, true, `expected REFRESH ${command.frame.id} to report an expiring token`);
    assert.ok(reply.result.ttl > 0, `expected a positive ttl in ${JSON.stringify(reply)}`);
    assert.ok(answers.some(answer => answer.token === command.frame.params.token),
      'expected each REFRESH to carry a token the endpoint issued');
  }
  assert.deepEqual(recorded.entries('disconnect'), [], 'expected no disconnect event');
  assert.equal(recorded.entries('socket').length, 1, 'expected one WebSocket: no silent reconnect');
  assert.ok(Date.now() - connected.at > cycles * server.ttlMillis,
    `expected to stay connected longer than ${cycles} ttls`);
}

/** A token source answering `first` once, then the session's own tokens. */
function firstThenSession(first, session) {
  let calls = 0;
  return async () => (calls++ === 0 ? { status: 200, token: first } : session.refresh());
}

/** Connects on a signed-in session, refreshes with the bad token and checks the server ends it for good. */
async function assertRefreshRefusedForGood(t, badToken) {
  const session = await BrowserSession.signedIn();
  const recorded = startClient(t, { token: await session.token(), refresh: firstThenSession(badToken, session) });
  await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);

  const disconnected = await recorded.until('a disconnect event', is.disconnect, server.ttlMillis + SLACK_MS);
  assert.deepEqual(disconnected.context, { reason: 'invalid token', reconnect: false },
    'expected the server\'s invalid-token close, without reconnect');
  await recorded.noneFor(NO_RECONNECT_WINDOW_MS, 'new WebSocket', is.socket);

  const refresh = recorded.log.find(is.refreshCommand);
  assert.equal(refresh && refresh.frame.params.token, badToken, 'expected the client to send REFRESH with the token');
  assert.ok(refresh.at <= disconnected.at, 'expected the close to follow the REFRESH');
  assert.equal(replyTo(recorded, refresh), undefined, 'expected no reply to the refused REFRESH');
  assert.deepEqual(recorded.entries('closed').map(({ code, reason }) => ({ code, reason })),
    [{ code: 3002, reason: '{"reason":"invalid token","reconnect":false}' }],
    'expected the server to close with 3002 and Centrifugo\'s reason');
  assert.equal(recorded.entries('socket').length, 1, 'expected a single WebSocket');
}

describe('refresh', { concurrency: true }, () => {
  test('the onRefresh hook keeps a signed-in client connected through three refresh cycles', { timeout: 30_000 },
    async t => {
      const session = await BrowserSession.signedIn();
      const recorded = startClient(t, { token: await session.token(), refresh: () => session.refresh() });

      await assertRefreshedWithoutDisconnect(recorded, 3);

      assert.ok(recorded.entries('refresh-request').every(entry => entry.via === 'hook'),
        'expected every refresh to go through the hook');
    });

  test('the default AJAX refresh with the session cookie keeps the client connected', { timeout: 30_000 },
    async t => {
      const session = await BrowserSession.signedIn();
      const recorded = startClient(t, {
        token: await session.token(),
        config: { refreshEndpoint: server.refreshUrl, refreshHeaders: { Cookie: session.cookieHeader() } },
      });

      await assertRefreshedWithoutDisconnect(recorded, 2);

      for (const request of recorded.entries('refresh-request')) {
        assert.equal(request.via, 'xhr', 'expected the client to refresh through its XMLHttpRequest');
        assert.equal(request.method, 'POST', 'expected the client to POST the refresh request');
        assert.equal(request.url, server.refreshUrl, 'expected the client to call refreshEndpoint');
      }
    });

  test('a refresh token for another user ends with invalid token and no reconnect', { timeout: 30_000 },
    async t => {
      await assertRefreshRefusedForGood(t, hs256({ sub: `not-${server.user}`, exp: nowSeconds() + 60 }));
    });

  test('a refresh token signed with another secret ends with invalid token and no reconnect', { timeout: 30_000 },
    async t => {
      const forged = hs256({ sub: server.user, exp: nowSeconds() + 60 }, `not-${server.secret}`);

      await assertRefreshRefusedForGood(t, forged);
    });

  test('an expired refresh token closes the connection expired at once, and the client recovers',
    { timeout: 30_000 }, async t => {
      const session = await BrowserSession.signedIn();
      const token = await session.token();
      const expired = hs256({ sub: server.user, exp: nowSeconds() - 60 });
      const recorded = startClient(t, { token, refresh: firstThenSession(expired, session) });
      await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);

      const disconnected = await recorded.until('a disconnect event', is.disconnect, server.ttlMillis + SLACK_MS);
      // The client now races two timers: its reconnect (1-2 s; with the expired token it holds, answered
      // 109, then 2-4 s more before it asks for a token) and the retry of the REFRESH that the close cut
      // short (1-2 s; it asks for a token and connects with it).
      const reconnected = await recorded.until('a second connect event',
        entry => is.connect(entry) && entry.at > disconnected.at, 10_000);

      assert.deepEqual(disconnected.context, { reason: 'expired', reconnect: true },
        'expected the server\'s expired close after the expired REFRESH');
      assert.ok(disconnected.at < claimsOf(token).exp * 1000 + server.graceMillis,
        'expected the close at the REFRESH, before the first token\'s exp + grace');
      assert.equal(recorded.entries('closed')[0].code, 3005, 'expected close code 3005');
      assert.equal(replyTo(recorded, recorded.log.find(is.refreshCommand)), undefined,
        'expected no reply to the expired REFRESH');
      const reconnects = recorded.entries('sent', entry => is.connectCommand(entry) && entry.at > disconnected.at);
      for (const attempt of reconnects.filter(entry => entry.frame.params.token === expired)) {
        const reply = replyTo(recorded, attempt);
        assert.equal(reply && reply.frame.error && reply.frame.error.code, 109,
          'expected a reconnect with the expired token to be answered 109');
      }
      const last = reconnects[reconnects.length - 1];
      assert.equal(claimsOf(last.frame.params.token).sub, server.user, 'expected the last connect to be the user\'s');
      assert.ok(claimsOf(last.frame.params.token).exp * 1000 > disconnected.at,
        'expected the last connect to present a fresh token');
      assert.ok(recorded.log.some(entry => is.refreshAnswered(200)(entry) && entry.at > disconnected.at
        && entry.at < reconnected.at), 'expected a refresh answered 200 between the close and the reconnect');
    });
});
