// Inform validation at the door, through the real listener and store: a DeviceId that cannot
// identify a device is refused with 400 and nothing is stored; a device stored with such an id
// by an older build can still be found and deleted through the API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeleteResult } from '../../shared/models-fleet.ts';
import { apiGet, apiPost, CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';
import { makeInform } from '../helpers/inform.ts';

const noDeviceId = (xml: string): string => xml.replace(/<DeviceId>.*<\/DeviceId>/, '');

describe('Inform validation', () => {
  test('blank, missing and 1 MB serials, no DeviceId and over-long fields are refused with 400; nothing is stored', async () => {
    const h = await startHarness();
    try {
      const cases: [string, string][] = [
        ['blank serial', informXml({ serial: '   ' })],
        ['empty serial', informXml({ serial: '' })],
        ['missing serial', informXml({ serial: 'X' }).replace('<SerialNumber>X</SerialNumber>', '')],
        ['no DeviceId', noDeviceId(informXml({ serial: 'X' }))],
        ['1 MB serial', informXml({ serial: 'S'.repeat(1024 * 1024) })],
        ['65-character serial', informXml({ serial: 'S'.repeat(65) })],
        ['long ProductClass', informXml({ serial: 'OK1', productClass: 'P'.repeat(65) })],
        ['blank OUI', informXml({ serial: 'OK2', oui: ' ' })],
      ];
      for (const [name, xml] of cases) {
        const conn = new CpeConnection(h.cwmpUrl);
        const res = await conn.post(xml);
        conn.close();
        assert.equal(res.status, 400, name);
        assert.match(res.body, /Inform refused/, name);
      }
      assert.equal(h.store.devices.count(), 0);
      assert.equal(h.store.devices.search({ q: '' }).total, 0);

      // Tolerated: a lower-case OUI, an empty ProductClass, a 64-character serial.
      for (const xml of [
        informXml({ serial: 'T1', oui: '00a859' }),
        informXml({ serial: 'T2', productClass: '' }),
        informXml({ serial: 'S'.repeat(64) }),
      ]) {
        const conn = new CpeConnection(h.cwmpUrl);
        assert.equal((await conn.post(xml)).status, 200);
        conn.close();
      }
      assert.equal(h.store.devices.count(), 3);
    } finally {
      await h.close();
    }
  });

  test('a device stored with a 1 MB serial by an older build is viewed through GET /api/devices/:id and deleted', async () => {
    const h = await startHarness();
    try {
      const huge = 'S'.repeat(1024 * 1024);
      const r = h.store.informs.record({
        inform: makeInform({ serial: huge }),
        remoteAddress: '127.0.0.1',
        cwmpVersion: '1.0',
        at: new Date(),
        warnings: [],
      });
      const stored = h.store.devices.get(r.deviceId);
      assert.ok(stored !== undefined);
      assert.ok(stored.serialNumber.length <= 257, 'the serial is shown cut, so list pages stay small');
      const listed = await apiGet(h, '/api/devices?limit=10');
      assert.equal(listed.status, 200);
      assert.ok(JSON.stringify(listed.json).length < 1.5 * 1024 * 1024, 'the list page carries the id once, not the serial too');
      // Still viewable: its page's GET carries the whole id in the URL.
      const viewed = await apiGet(h, `/api/devices/${encodeURIComponent(r.deviceId)}`);
      assert.equal(viewed.status, 200);
      assert.equal((viewed.json as { id: string }).id, r.deviceId);
      const found = await apiPost(h, '/api/devices/delete', { selection: { ids: [r.deviceId] } });
      assert.equal(found.status, 200, JSON.stringify(found.json).slice(0, 300));
      assert.equal((found.json as DeleteResult).removed, 1);
      assert.equal(h.store.devices.get(r.deviceId), undefined);
    } finally {
      await h.close();
    }
  });
});
