'use strict';

// The signed-in page in a real browser (Debian's chromium through playwright-core): sign in, watch the
// connection refresh its short-lived token, lose the session or sign out, and see the connection end.
//
// Environment: BASE_URL (the application's root, ending in '/'), DEMO_USER, DEMO_PASSWORD, SCREENSHOT_DIR.
// The deployment under test issues 2-second tokens with a 2-second grace; the tests read both from the
// server rather than assume them.

const {test} = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {chromium} = require('playwright-core');

const BASE_URL = required('BASE_URL');
const DEMO_USER = required('DEMO_USER');
const DEMO_PASSWORD = required('DEMO_PASSWORD');
const SCREENSHOT_DIR = required('SCREENSHOT_DIR');

// Without the background-networking flags chromium keeps dialling out of this closed network.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DESKTOP = {width: 1280, height: 800};
const PHONE = {width: 390, height: 844};

const TEST_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;
// Time for the page, the refresh request and the server to act, on top of the token's times.
const SLACK_MS = 5_000;
// centrifuge-js reconnects 1 to 2 s after a close; a page that let it would open a socket in this window.
const NO_RECONNECT_WINDOW_MS = 3_000;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(name + ' is not set');
  }
  return value;
}

async function withBrowser(use) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tether-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: DESKTOP,
    });
    try {
      await use(context);
    } catch (error) {
      await diagnose(context);
      throw error;
    } finally {
      await context.close();
    }
  } finally {
    fs.rmSync(profile, {recursive: true, force: true});
  }
}

// What the page showed when a test failed: a screenshot and its event list.
async function diagnose(context) {
  const page = context.pages()[0];
  if (page === undefined) {
    return;
  }
  await screenshot(page, 'page-failure.png').catch(() => {});
  const events = await page.locator('#events').innerText({timeout: 1000}).catch(() => '(no event list)');
  console.log('The page was at ' + page.url() + '; its events, newest first:\n' + events);
}

function screenshot(page, name) {
  return page.screenshot({path: path.join(SCREENSHOT_DIR, name), fullPage: true});
}

// The browser's first tab, with what it does on the network and its script errors recorded.
function watchedPage(context) {
  const page = context.pages()[0];
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const seen = {sockets: [], refreshStatuses: [], errors: []};
  page.on('websocket', socket => seen.sockets.push(socket.url()));
  page.on('pageerror', error => seen.errors.push(error));
  page.on('response', response => {
    if (response.url().endsWith('/centrifuge/refresh')) {
      seen.refreshStatuses.push(response.status());
    }
  });
  return {page, seen};
}

async function submitSignIn(page, password) {
  await page.locator('input[name="j_username"]').fill(DEMO_USER);
  await page.locator('input[name="j_password"]').fill(password);
  await page.getByRole('button', {name: 'Sign in'}).click();
}

async function signInAndConnect(page) {
  await page.goto(BASE_URL + 'app/');
  await page.locator('form[action="j_security_check"]').waitFor();
  await submitSignIn(page, DEMO_PASSWORD);
  await page.waitForURL(BASE_URL + 'app/');
  await page.locator('#state', {hasText: /^connected$/}).waitFor();
}

// The grace, and the lifetime of the tokens the session is given, as the server has them.
async function serverTimes(context) {
  const session = await (await context.request.get(BASE_URL + 'centrifuge/session')).json();
  const answer = await context.request.post(BASE_URL + 'centrifuge/refresh', {
    headers: {'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json'},
    data: '{}',
  });
  const token = (await answer.json()).token;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  return {graceMillis: session.client_expired_close_delay * 1000, ttlMillis: claims.exp * 1000 - Date.now()};
}

async function assertNoReconnect(page, seen) {
  await assert.rejects(page.waitForEvent('websocket', {timeout: NO_RECONNECT_WINDOW_MS}),
      {name: 'TimeoutError'}, 'the page does not let the client reconnect');
  assert.equal(seen.sockets.length, 1);
}

test('a wrong password shows the failure, and the right one then opens the page', {timeout: TEST_TIMEOUT_MS},
    async () => {
      await withBrowser(async context => {
        const {page, seen} = watchedPage(context);

        await page.goto(BASE_URL + 'app/');
        await submitSignIn(page, DEMO_PASSWORD + '-wrong');
        await page.getByRole('alert').filter({hasText: 'Wrong user or password'}).waitFor();
        await submitSignIn(page, DEMO_PASSWORD);

        await page.waitForURL(BASE_URL + 'app/');
        await page.locator('#state', {hasText: /^connected$/}).waitFor();
        assert.deepEqual(seen.errors, []);
      });
    });

test('the page shows its connection refreshing, and after a refused refresh the server\'s expired close',
    {timeout: TEST_TIMEOUT_MS}, async () => {
      await withBrowser(async context => {
        const {page, seen} = watchedPage(context);
        await signInAndConnect(page);
        const {graceMillis, ttlMillis} = await serverTimes(context);

        await page.locator('#client', {hasText: /^[0-9a-f]{8}-[0-9a-f]{4}-/}).waitFor();
        await page.locator('#user', {hasText: new RegExp('^' + DEMO_USER + '$')}).waitFor();
        await page.locator('#token-expiry-at', {hasText: /^at \d\d:\d\d:\d\d$/}).waitFor();
        await page.locator('#close-deadline-at', {hasText: /^at \d\d:\d\d:\d\d$/}).waitFor();
        const secondRefresh = page.locator('#events li[data-kind="refresh"]').nth(1);
        await secondRefresh.waitFor({timeout: 2 * ttlMillis + SLACK_MS});
        assert.equal(await page.locator('#state').textContent(), 'connected');
        assert.equal(await page.locator('#events li[data-kind="disconnect"]').count(), 0,
            'refreshed in time, the connection stays up');
        assert.deepEqual(seen.sockets, [BASE_URL.replace(/^http/, 'ws') + 'connection/websocket']);
        await screenshot(page, 'page-connected.png');

        // The session is gone for the browser, as when it ends; the server keeps the connection open.
        await context.clearCookies();
        await page.locator('#events li[data-kind="refused"]').waitFor({timeout: ttlMillis + SLACK_MS});
        await page.locator('#notice', {hasText: 'Refresh was refused'}).waitFor();
        await page.locator('#sign-in-again').waitFor();
        await page.locator('#events li[data-kind="disconnect"]', {hasText: 'Disconnected: expired'})
            .waitFor({timeout: graceMillis + SLACK_MS});
        await page.locator('#state', {hasText: /^disconnected$/}).waitFor();
        await page.locator('#notice', {hasText: 'The server closed the connection: expired'}).waitFor();

        await assertNoReconnect(page, seen);
        assert.deepEqual(seen.refreshStatuses.filter(status => status !== 200), [403],
            'after the one refusal the page asks no more');

        await page.setViewportSize(PHONE);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, 'no sideways scrolling on a phone, ' + overflow + ' px too wide');
        await screenshot(page, 'page-phone.png');
        assert.deepEqual(seen.errors, []);
      });
    });

test('signing out ends the connection with its reason shown, and the page does not reconnect',
    {timeout: TEST_TIMEOUT_MS}, async () => {
      await withBrowser(async context => {
        const {page, seen} = watchedPage(context);
        await signInAndConnect(page);
        const {graceMillis, ttlMillis} = await serverTimes(context);

        await page.locator('#sign-out').click();
        await page.locator('#session', {hasText: 'Signed out'}).waitFor();
        await page.locator('#sign-out').waitFor({state: 'hidden'});
        await page.locator('#sign-in-again').waitFor();
        // The README has the connection end at its deadline at the latest. Today Payara (Tyrus) closes it at
        // once, with 1008, when the sign-out invalidates the HTTP session that its handshake carried.
        const ended = page.locator('#events li[data-kind="disconnect"]', {hasText: /^\S+ Disconnected: \S/});
        await ended.waitFor({timeout: ttlMillis + graceMillis + SLACK_MS});
        console.log('sign-out ended the connection: ' + await ended.textContent());
        await page.locator('#state', {hasText: /^disconnected$/}).waitFor();
        await page.locator('#notice', {hasText: 'You signed out, and the connection has ended'}).waitFor();

        await assertNoReconnect(page, seen);
        assert.ok(seen.refreshStatuses.filter(status => status !== 200).length <= 1,
            'at most one refused refresh: ' + seen.refreshStatuses);
        await screenshot(page, 'page-signed-out.png');

        await page.locator('#sign-in-again').click();
        await page.locator('form[action="j_security_check"]').waitFor();
        assert.deepEqual(seen.errors, []);
      });
    });
