// The event stream and serverInfo under a real API server: the advertised API URL is the port
// actually bound, and a stream opened with a token that is then regenerated stops at once.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h?.close());

test('serverInfo.apiUrl is the URL the API listens on (its real port, not the configured 0)', async () => {
  const info = await h.acs.api.serverInfo({});
  assert.equal(info.apiUrl, h.apiUrl);
  assert.doesNotMatch(info.apiUrl, /:0$/);
});

test('an event stream opened with the old token ends when the token is regenerated', async () => {
  const oldToken = h.acs.info.apiToken;
  const url = new URL(`/api/events?token=${oldToken}`, h.apiUrl);
  const received: string[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    const req = request(url, (res) => {
      assert.equal(res.statusCode, 200);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => received.push(chunk));
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  // Wait until the stream is open, then change the token and make an event happen.
  while (received.join('').length === 0) await new Promise((r) => setTimeout(r, 20));
  const { token } = await h.acs.api.regenerateApiToken({});
  assert.notEqual(token, oldToken);
  await h.acs.api.registerDevice({ id: 'AAAAAA-X-1' });
  await h.acs.api.tagDevices({ selection: { ids: ['AAAAAA-X-1'] }, add: ['t'] }).catch(() => undefined);
  await h.acs.api.deleteDevices({ selection: { filter: { tag: 'nothing-has-this' } } });
  await ended;
  assert.doesNotMatch(received.join(''), /event: devicesChanged/);
});
