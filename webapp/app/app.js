// The signed-in page: one centrifuge-js 2.8.5 connection, the life of its token, and its events.
//
// Tokens come from POST ../centrifuge/refresh, which answers for the user signed in to this HTTP
// session. The client asks for a new one through the onRefresh hook when its ttl runs out.
//
// When refresh is refused (403: signed out, or the session ended), the page stops asking. By default
// centrifuge-js 2.8.5 counts a 403 as a failed attempt and retries it forever, 1 to 21 s apart, and
// after the server's close it reconnects with its expired token, gets error 109, and asks again. So
// on a 403 the hook does not call its callback at all: the client waits, the connection stays up
// until the server closes it at exp + grace with reason "expired", and on that disconnect the page
// calls centrifuge.disconnect() so that the client does not reconnect. The same goes for any
// disconnect once the user has signed out. Other refresh failures (network, 5xx) are passed on to
// the client, which retries as usual.
(function () {
  'use strict';

  const CONTEXT = location.pathname.replace(/\/app\/[^/]*$/, ''); // '' at the root, '/tether' in tests
  const WS_URL = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + CONTEXT
      + '/connection/websocket';
  const TICK_MS = 250;
  const MAX_EVENTS = 200;

  const view = {
    session: byId('session'),
    signOut: byId('sign-out'),
    signInAgain: byId('sign-in-again'),
    notice: byId('notice'),
    state: byId('state'),
    client: byId('client'),
    user: byId('user'),
    tokenExpiry: byId('token-expiry'),
    tokenExpiryAt: byId('token-expiry-at'),
    closeDeadline: byId('close-deadline'),
    closeDeadlineAt: byId('close-deadline-at'),
    grace: byId('grace'),
    events: byId('events'),
  };

  let centrifuge = null;
  let graceMillis = 0;
  let hasToken = false;
  let expiresAt = null; // ms since the epoch; null when the token has no exp
  let connected = false;
  let closeCode = null; // of the last WebSocket close since the last connect
  let refreshRefused = false;
  let signingOut = false; // from the click on, so that a close during the sign-out ends the connection
  let stopped = false; // no more refreshes, no more reconnects

  function byId(id) {
    return document.getElementById(id);
  }

  // Server calls.

  async function fetchToken() {
    const response = await fetch('../centrifuge/refresh', {
      method: 'POST',
      headers: {'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json'},
      body: '{}',
      credentials: 'same-origin',
    });
    if (response.status === 403) {
      return null;
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    const body = await response.json();
    if (typeof body.token !== 'string' || body.token === '') {
      throw new Error('no token in the answer');
    }
    return body.token;
  }

  async function fetchSession() {
    const response = await fetch('../centrifuge/session', {credentials: 'same-origin', cache: 'no-store'});
    if (response.status === 403) {
      return null;
    }
    if (!response.ok) {
      throw new Error('HTTP ' + response.status);
    }
    return response.json();
  }

  function tokenExpiry(token) {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload));
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  }

  // The connection.

  async function start() {
    let session;
    let token;
    try {
      [session, token] = await Promise.all([fetchSession(), fetchToken()]);
    } catch (error) {
      setState('disconnected');
      showNotice('The server could not be reached (' + error.message + '). Reload the page to try again.');
      return;
    }
    if (session === null || token === null) {
      setState('disconnected');
      offerSignIn('Not signed in');
      showNotice('This page is not signed in. Sign in again to connect.');
      return;
    }

    graceMillis = session.client_expired_close_delay * 1000;
    view.user.textContent = session.user;
    view.session.textContent = 'Signed in as ' + session.user;
    view.grace.textContent = formatSeconds(session.client_expired_close_delay);
    useToken(token);

    centrifuge = new Centrifuge(WS_URL, {
      onRefresh: refresh,
      onTransportClose: ctx => {
        closeCode = ctx.event ? ctx.event.code : null;
      },
    });
    centrifuge.on('connect', connectedTo);
    centrifuge.on('disconnect', disconnected);
    centrifuge.setToken(token);
    centrifuge.connect();
  }

  function refresh(ctx, callback) {
    if (stopped) {
      return; // a stray refresh after the end (centrifuge-js retries a refresh cut off by a close)
    }
    fetchToken().then(token => {
      if (token === null) {
        refused(); // deliberately no callback: see the top of this file
        return;
      }
      useToken(token);
      addEvent('refresh', 'Refreshed: the token now expires at ' + clock(expiresAt));
      callback({status: 200, data: {token}});
    }, error => {
      addEvent('error', 'Refresh failed (' + error.message + '); the client tries again');
      callback({status: 0, error: String(error)});
    });
  }

  function useToken(token) {
    hasToken = true;
    expiresAt = tokenExpiry(token);
    render();
  }

  function refused() {
    refreshRefused = true;
    if (!signingOut) {
      offerSignIn('Not signed in any more');
    }
    if (!connected) {
      addEvent('refused', 'Refresh refused: this page is no longer signed in');
      end('Refresh was refused: this page is no longer signed in, so it does not reconnect.');
      return;
    }
    stopped = true;
    addEvent('refused', 'Refresh refused: the server will close the connection at ' + clock(deadline()));
    showNotice('Refresh was refused: this page is no longer signed in. The server will close the connection '
        + 'at its deadline, ' + clock(deadline()) + '.', true);
  }

  function connectedTo(ctx) {
    connected = true;
    closeCode = null;
    setState('connected');
    view.client.textContent = ctx.client;
    addEvent('connect', 'Connected as client ' + ctx.client);
  }

  function disconnected(ctx) {
    connected = false;
    const reason = closeCode === null ? ctx.reason : ctx.reason + ' (close code ' + closeCode + ')';
    addEvent('disconnect', 'Disconnected: ' + reason);
    if (signingOut) {
      end('You signed out, and the connection has ended: ' + reason + '.');
    } else if (refreshRefused) {
      end('The server closed the connection: ' + reason + '. Sign in again to reconnect.');
    } else if (!ctx.reconnect) {
      end('The connection has ended: ' + reason + '. Reload the page to connect again.');
    } else {
      setState('reconnecting');
    }
  }

  // Ends the connection for good: the client neither refreshes nor reconnects any more.
  function end(notice) {
    stopped = true;
    connected = false;
    if (centrifuge !== null) {
      centrifuge.disconnect();
    }
    setState('disconnected');
    view.client.textContent = '—';
    showNotice(notice, true);
    render();
  }

  // Sign-out.

  async function signOut() {
    signingOut = true;
    view.signOut.disabled = true;
    try {
      const response = await fetch('../logout', {
        method: 'POST',
        credentials: 'same-origin',
        redirect: 'manual', // stay on this page, which shows the connection ending
      });
      if (response.type !== 'opaqueredirect' && !response.ok) {
        throw new Error('HTTP ' + response.status);
      }
    } catch (error) {
      signingOut = false;
      view.signOut.disabled = false;
      addEvent('error', 'Sign-out failed (' + error.message + ')');
      if (stopped) {
        showNotice('Sign-out failed (' + error.message + '). Reload the page to connect again.', true);
      }
      return;
    }
    addEvent('signed-out', 'Signed out');
    offerSignIn('Signed out');
    if (connected) {
      showNotice('You signed out. This page can no longer refresh its connection, so the connection ends '
          + 'at its deadline at the latest.', true);
    } else if (!stopped) {
      end('You signed out, and the connection has ended.');
    }
  }

  // The view.

  function offerSignIn(sessionText) {
    view.session.textContent = sessionText;
    view.signOut.hidden = true;
    view.signInAgain.hidden = false;
  }

  function setState(state) {
    view.state.textContent = state;
    view.state.dataset.state = state;
  }

  function showNotice(text, attention) {
    view.notice.textContent = text;
    view.notice.classList.toggle('attention', Boolean(attention));
    view.notice.hidden = false;
  }

  function addEvent(kind, text) {
    const item = document.createElement('li');
    item.dataset.kind = kind;
    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = clock(now.getTime());
    item.append(time, ' ', text);
    view.events.prepend(item);
    while (view.events.children.length > MAX_EVENTS) {
      view.events.lastElementChild.remove();
    }
  }

  function deadline() {
    return expiresAt === null ? null : expiresAt + graceMillis;
  }

  function render() {
    showTime(view.tokenExpiry, view.tokenExpiryAt, expiresAt, 'expired');
    if (stopped && !connected) {
      view.closeDeadline.textContent = 'closed';
      view.closeDeadlineAt.textContent = '';
    } else {
      showTime(view.closeDeadline, view.closeDeadlineAt, deadline(), 'due');
    }
  }

  function showTime(countdown, at, millis, passed) {
    if (millis === null) {
      countdown.textContent = hasToken ? 'never' : '—';
      at.textContent = '';
      return;
    }
    const left = millis - Date.now();
    countdown.textContent = left > 0 ? 'in ' + formatDuration(left) : passed;
    at.textContent = 'at ' + clock(millis);
  }

  function formatDuration(millis) {
    const seconds = Math.ceil(millis / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    const s = String(seconds % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
  }

  function formatSeconds(seconds) {
    return seconds === 1 ? '1 second' : seconds + ' seconds';
  }

  function clock(millis) {
    return new Date(millis).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23'});
  }

  view.signOut.addEventListener('click', signOut);
  setInterval(render, TICK_MS);
  start();
}());
