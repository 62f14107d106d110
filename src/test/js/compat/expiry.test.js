'use strict';

// Refusal: once the session is signed out the endpoint answers 403, the server, not the client, ends the
// connection with `expired` when the grace after the token's exp has passed, and the client's reconnect with
// its old token is answered 109.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { BrowserSession, CONNECT_WAIT_MS, claimsOf, is, server, startClient } = require('./support');

/** How late after exp + grace the close may reach the client. */
const LATENESS_ALLOWED_MS = 2_000;

describe('expiry', { concurrency: true }, () => {
  test('after sign-out refresh is refused and the server closes the connection expired after the grace',
    { timeout: 30_000 }, async t => {
      const session = await BrowserSession.signedIn();
      const token = await session.token();
      const deadline = claimsOf(token).exp * 1000 + server.graceMillis;
      const recorded = startClient(t, { token, refresh: () => session.refresh() });
      await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);

      const signedOut = await session.signOut();
      assert.equal(signedOut.status, 200, `expected sign-out to end on a page, got ${signedOut.status}`);
      assert.equal((await session.refresh()).status, 403, 'expected refresh after sign-out to answer 403');

      const disconnected = await recorded.until('a disconnect event', is.disconnect,
        deadline + LATENESS_ALLOWED_MS - Date.now());
      assert.deepEqual(disconnected.context, { reason: 'expired', reconnect: true },
        'expected the disconnect to be the server\'s expired close');
      assert.ok(disconnected.at >= deadline,
        `expected the close no earlier than exp + grace, got it ${deadline - disconnected.at} ms early`);
      const close = recorded.entries('closed')[0];
      assert.equal(close.code, 3005, 'expected close code 3005');
      assert.equal(close.reason, '{"reason":"expired","reconnect":true}',
        'expected Centrifugo\'s expired close reason');

      const refused = recorded.entries('refresh-response', entry => entry.at <= disconnected.at);
      assert.ok(refused.length >= 1, 'expected the client to ask for a token before the close');
      assert.ok(refused.every(entry => entry.status === 403),
        `expected every refresh the client asked for to be refused with 403, got ${refused.map(e => e.status)}`);
      assert.deepEqual(recorded.entries('sent', is.refreshCommand), [], 'expected no REFRESH command without a token');
    });

  test('an expired client reconnects with its old token, is told 109 and stays disconnected while refused',
    { timeout: 30_000 }, async t => {
      const session = await BrowserSession.signedIn();
      const token = await session.token();
      const deadline = claimsOf(token).exp * 1000 + server.graceMillis;
      const recorded = startClient(t, { token, refresh: () => session.refresh() });
      await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);
      await session.signOut();

      const disconnected = await recorded.until('a disconnect event', is.disconnect,
        deadline + LATENESS_ALLOWED_MS - Date.now());
      // centrifuge-js reconnects 1-2 s after the close (its first backoff step), with the token it holds.
      const expiredReply = await recorded.until('a 109 reply to the reconnect', is.error(109), 5_000);

      assert.equal(disconnected.context.reason, 'expired', 'expected the first disconnect to be the expiry');
      assert.equal(expiredReply.index, 1, 'expected the 109 on the second WebSocket');
      assert.equal(expiredReply.frame.error.message, 'token expired', 'expected Centrifugo\'s 109 message');
      const reconnect = recorded.entries('sent', is.connectCommand)[1];
      assert.equal(reconnect.frame.params.token, token, 'expected the reconnect to present the old token');
      // After the 109 it closes the socket and, one backoff step later (2-4 s), asks for a token instead.
      await recorded.until('a refresh request after the 109', entry => entry.kind === 'refresh-request'
        && entry.at > expiredReply.at, 6_000);
      assert.equal(recorded.entries('connect').length, 1, 'expected no second connect while refresh is refused');
    });
});
