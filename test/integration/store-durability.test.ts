import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InformRequest } from '../../electron/core/cwmp/messages.ts';
import { openDatabase } from '../../electron/core/store/db.ts';
import { openStore } from '../../electron/core/store/index.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-dur-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function informOf(serial: string): InformRequest {
  return {
    name: 'Inform',
    deviceId: { manufacturer: 'Acme', oui: 'A0B1C2', productClass: 'Box', serialNumber: serial },
    events: [{ code: '1 BOOT', commandKey: '' }],
    maxEnvelopes: 1,
    currentTime: '',
    retryCount: 0,
    parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: `sw-${serial}`, type: 'xsd:string' }],
  };
}

describe('store durability', () => {
  test('a file database runs in WAL with synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = openDatabase({ path: join(tempDir(), 'acs.sqlite') });
    const pragma = (name: string): unknown => db.pragma(name, { simple: true });
    assert.deepEqual([pragma('journal_mode'), pragma('synchronous'), pragma('foreign_keys'), pragma('busy_timeout')], ['wal', 2, 1, 5000]);
    db.close();
  });

  test('close and reopen keeps devices, parameters, sessions and tasks', () => {
    const path = join(tempDir(), 'nested', 'acs.sqlite');
    const store = openStore({ path });
    const r = store.informs.record({
      inform: informOf('D1'),
      remoteAddress: '192.0.2.5',
      cwmpVersion: '1.1',
      at: new Date(0),
      warnings: [],
    });
    const task = store.tasks.enqueue(r.deviceId, 'reboot', { delay: 0 });
    store.close();
    const again = openStore({ path });
    assert.equal(again.devices.get(r.deviceId)?.softwareVersion, 'sw-D1');
    assert.equal(again.parameters.get(r.deviceId, 'Device.DeviceInfo.SoftwareVersion')?.value, 'sw-D1');
    assert.equal(again.sessions.listForDevice(r.deviceId, 5).length, 1);
    assert.deepEqual(again.tasks.get(task.id)?.args, { delay: 0 });
    again.close();
  });

  test('every Inform a SIGKILLed process reported as committed is there after reopening', async () => {
    const dir = tempDir();
    const path = join(dir, 'acs.sqlite');
    const storeUrl = new URL('../../electron/core/store/index.ts', import.meta.url).href;
    const child = join(dir, 'writer.mts');
    // The child records Informs forever and prints each committed serial; the parent kills it
    // mid-stream (no close(), no checkpoint) and then checks every printed serial survived.
    writeFileSync(
      child,
      `import { openStore } from ${JSON.stringify(storeUrl)};
const store = openStore({ path: ${JSON.stringify(path)} });
for (let i = 0; ; i += 1) {
  const serial = 'K' + i;
  store.informs.record({
    inform: { name: 'Inform', deviceId: { manufacturer: 'Acme', oui: 'A0B1C2', productClass: 'Box', serialNumber: serial },
      events: [{ code: '2 PERIODIC', commandKey: '' }], maxEnvelopes: 1, currentTime: '', retryCount: 0,
      parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: serial, type: 'xsd:string' }] },
    remoteAddress: '192.0.2.9', cwmpVersion: '1.2', at: new Date(), warnings: [],
  });
  process.stdout.write(serial + '\\n');
  if (i % 50 === 0) await new Promise((r) => setImmediate(r));
}
`,
    );
    const proc = spawn(process.execPath, ['--import', 'tsx', child], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      proc.on('error', reject);
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        committed.push(...lines);
        if (committed.length >= 300 && proc.exitCode === null && !proc.killed) proc.kill('SIGKILL');
      });
      proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited: ${String(signal)}`))));
    });
    assert.ok(committed.length >= 300);
    const store = openStore({ path });
    const missing = committed.filter((serial) => store.devices.get(`A0B1C2-Box-${serial}`) === undefined);
    assert.deepEqual(missing, []);
    assert.equal(store.devices.count() >= committed.length, true);
    assert.equal(store.recovered.abortedSessions, store.devices.count(), 'every session was left open by the killed writer');
    store.close();
  });
});
