'use strict';

// The token a centrifuge-js 2.8.5 client connects with: an expired one takes it through 109 and a refresh
// to a connection; an unverifiable one ends it for good with `invalid token`.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const {
  BrowserSession, CONNECT_WAIT_MS, NO_RECONNECT_WINDOW_MS, hs256, is, nowSeconds, server, startClient, unsigned,
} = require('./support');

/** Connects with the token and checks the server ends the connection for good with `invalid token`. */
async function assertRefusedForGood(t, token) {
  const recorded = startClient(t, { token, refresh: async () => ({ status: 403 }) });

  const disconnected = await recorded.until('a disconnect event', is.disconnect, CONNECT_WAIT_MS);
  assert.deepEqual(disconnected.context, { reason: 'invalid token', reconnect: false },
    'expected the server\'s invalid-token close, without reconnect');
  await recorded.noneFor(NO_RECONNECT_WINDOW_MS, 'new WebSocket', is.socket);

  assert.equal(recorded.entries('socket').length, 1, 'expected a single WebSocket');
  assert.deepEqual(recorded.entries('closed').map(({ code, reason }) => ({ code, reason })),
    [{ code: 3002, reason: '{"reason":"invalid token","reconnect":false}' }],
    'expected the server to close with 3002 and Centrifugo\'s reason');
  assert.deepEqual(recorded.entries('received'), [], 'expected no reply to the connect command');
  assert.deepEqual(recorded.entries('connect'), [], 'expected no connect event');
  assert.deepEqual(recorded.entries('refresh-request'), [], 'expected no refresh after an invalid token');
}

describe('connect', { concurrency: true }, () => {
  test('an expired token gets 109, the client fetches a new one and connects with it', { timeout: 30_000 },
    async t => {
      const session = await BrowserSession.signedIn();
      const expired = hs256({ sub: server.user, exp: nowSeconds() - 60 });
      const recorded = startClient(t, { token: expired, refresh: () => session.refresh() });

      // centrifuge-js waits one reconnect delay (1-2 s) after the 109 before it asks for a token.
      const connected = await recorded.until('a connect event', is.connect, CONNECT_WAIT_MS);

      const refused = recorded.log.find(is.error(109));
      assert.ok(refused, 'expected the server to answer the expired token with error 109');
      assert.equal(refused.frame.error.message, 'token expired', 'expected Centrifugo\'s 109 message');
      assert.deepEqual(recorded.entries('disconnect').map(entry => entry.context),
        [{ reason: 'connect error', reconnect: true }], 'expected one disconnect, the client\'s own after the 109');
      const refreshed = recorded.log.find(is.refreshAnswered(200));
      assert.ok(refreshed && refreshed.at > refused.at && refreshed.at < connected.at,
        'expected a refresh answered 200 between the 109 and the connect');
      const connects = recorded.entries('sent', is.connectCommand);
      assert.equal(connects.length, 2, 'expected two connect commands: the expired token, then the new one');
      assert.equal(connects[0].frame.params.token, expired, 'expected the first connect to present the expired token');
      assert.equal(connects[1].frame.params.token, refreshed.token, 'expected the reconnect to present the new token');
      assert.ok(connects[1].index > connects[0].index, 'expected the reconnect on a new WebSocket');
    });

  test('a token signed with another secret ends with invalid token and no reconnect', { timeout: 30_000 },
    async t => {
      await assertRefusedForGood(t, hs256({ sub: server.user, exp: nowSeconds() + 60 }, `not-${server.secret}`));
    });

  test('an unsigned alg-none token ends with invalid token and no reconnect', { timeout: 30_000 }, async t => {
    await assertRefusedForGood(t, unsigned({ sub: server.user, exp: nowSeconds() + 60 }));
  });
});
