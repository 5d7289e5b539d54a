// Verification with CPEs that report transfers the other ways real ones do: a TransferComplete
// in a session without '1 BOOT' or '7 TRANSFER COMPLETE' (the version is checked at the next
// Inform), and an AutonomousTransferComplete instead of a TransferComplete.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FileRecord } from '../../shared/models-files.ts';
import { CpeConnection, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml, peek, rpcXml } from '../helpers/cpe-messages.ts';
import { addFirmware } from '../helpers/firmware-image.ts';

const OLD = 'V1.2.3';
const NEW = 'V2.0.0';
const TIMES = '<StartTime>2026-11-21T10:00:00Z</StartTime><CompleteTime>2026-11-21T10:00:05Z</CompleteTime>';
const NO_FAULT = '<FaultStruct><FaultCode>0</FaultCode><FaultString></FaultString></FaultStruct>';

describe('firmware verification with scripted CPEs', () => {
  let h: Harness;
  let file: FileRecord;

  before(async () => {
    h = await startHarness();
    file = await addFirmware(h.acs.api, NEW);
  });
  after(async () => h?.close());

  /** One session: the Inform (on `version`), the CPE's own requests, then empty POSTs answering the ACS. */
  async function session(serial: string, events: string[], version: string, requests: string[] = [], ns?: string): Promise<string[]> {
    const cpe = new CpeConnection(h.cwmpUrl);
    const methods: string[] = [];
    try {
      const inform = informXml({ serial, events, ...(ns === undefined ? {} : { ns }) }).replace(`>${OLD}<`, `>${version}<`);
      assert.equal((await cpe.post(inform)).status, 200);
      for (const r of requests) assert.equal((await cpe.post(rpcXml(r, 'cpe-2', ns))).status, 200);
      let res = await cpe.post('');
      while (res.status === 200) {
        const { id, method } = peek(res.body);
        methods.push(method ?? '?');
        assert.equal(method, 'Download', res.body);
        const key = /<CommandKey>([^<]*)<\/CommandKey>/.exec(res.body)?.[1] ?? '';
        methods.push(key);
        res = await cpe.post(
          rpcXml(
            '<cwmp:DownloadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime></cwmp:DownloadResponse>',
            id ?? '',
          ),
        );
      }
      assert.equal(res.status, 204);
      return methods;
    } finally {
      cpe.close();
    }
  }

  async function downloadSent(serial: string): Promise<{ deviceId: string; taskId: number; commandKey: string }> {
    await session(serial, ['0 BOOTSTRAP', '1 BOOT'], OLD);
    const deviceId = h.store.devices.search({ q: serial }).items[0]?.id ?? '';
    const created = await h.acs.api.createTask({ id: deviceId, task: { name: 'download', fileId: file.id } });
    const sent = await session(serial, ['2 PERIODIC'], OLD);
    assert.equal(sent[0], 'Download');
    const task = await h.acs.api.getTask({ taskId: created.task.id });
    assert.equal(task.status, 'running');
    assert.equal(task.awaiting, 'transfer');
    return { deviceId, taskId: created.task.id, commandKey: sent[1] ?? '' };
  }

  test('a TransferComplete without a boot waits for the next Inform, which shows the new version', async () => {
    const { taskId, commandKey } = await downloadSent('RAW-TC');
    await session('RAW-TC', ['2 PERIODIC'], OLD, [
      `<cwmp:TransferComplete><CommandKey>${commandKey}</CommandKey>${NO_FAULT}${TIMES}</cwmp:TransferComplete>`,
    ]);
    const waiting = await h.acs.api.getTask({ taskId });
    assert.equal(waiting.status, 'running', 'not judged on the Inform from before the reboot');
    await session('RAW-TC', ['1 BOOT', 'M Download'], NEW);
    const task = await h.acs.api.getTask({ taskId });
    assert.equal(task.status, 'done', JSON.stringify(task.fault));
    assert.deepEqual([(task.result as { verified: boolean }).verified, (task.result as { version: string }).version], [true, NEW]);
  });

  test('an AutonomousTransferComplete ends the awaited download of the same file type, verified', async () => {
    const { taskId } = await downloadSent('RAW-ATC');
    await session(
      'RAW-ATC',
      ['1 BOOT', '10 AUTONOMOUS TRANSFER COMPLETE'],
      NEW,
      [
        `<cwmp:AutonomousTransferComplete><AnnounceURL></AnnounceURL><TransferURL>http://x/fw</TransferURL><IsDownload>1</IsDownload><FileType>1 Firmware Upgrade Image</FileType><FileSize>2048</FileSize><TargetFileName></TargetFileName>${NO_FAULT}${TIMES}</cwmp:AutonomousTransferComplete>`,
      ],
      // AutonomousTransferComplete arrived with CWMP 1.1.
      'urn:dslforum-org:cwmp-1-1',
    );
    const task = await h.acs.api.getTask({ taskId });
    assert.equal(task.status, 'done', JSON.stringify(task.fault));
    assert.equal((task.result as { version: string }).version, NEW);
  });

  test('a TransferComplete for a download requeued before its DownloadResponse was stored is still verified', async () => {
    // The ACS stopped after sending the Download, before the answer was committed: the task is
    // queued again, but the device took the Download and reports it after its reboot.
    await session('RAW-REQ', ['0 BOOTSTRAP', '1 BOOT'], OLD);
    const deviceId = h.store.devices.search({ q: 'RAW-REQ' }).items[0]?.id ?? '';
    const created = await h.acs.api.createTask({ id: deviceId, task: { name: 'download', fileId: file.id } });
    const commandKey = h.store.tasks.get(created.task.id)?.commandKey ?? '';
    assert.notEqual(commandKey, '');
    const sent = await session('RAW-REQ', ['1 BOOT', 'M Download', '7 TRANSFER COMPLETE'], NEW, [
      `<cwmp:TransferComplete><CommandKey>${commandKey}</CommandKey>${NO_FAULT}${TIMES}</cwmp:TransferComplete>`,
    ]);
    assert.deepEqual(sent, [], 'the Download is not sent again');
    const task = await h.acs.api.getTask({ taskId: created.task.id });
    assert.equal(task.status, 'done', JSON.stringify(task.fault));
    assert.deepEqual([(task.result as { verified: boolean }).verified, (task.result as { version: string }).version], [true, NEW]);
  });
});
