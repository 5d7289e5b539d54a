// The Backups tab's pure rules (renderer/src/pages/device/backups): which checked backups can be
// compared and how, when a failed upload means the device has no Upload, and which tasks the
// device page traces in the Backups tab.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Backup } from '../../shared/models-backups.ts';
import { compareChoice, contentWords, kindWords, uploadUnsupported } from '../../renderer/src/pages/device/backups/backup-words.ts';
import { labelOfTask, scopeOfTask } from '../../renderer/src/pages/device/action-scope.ts';

function backup(id: number, kind: Backup['kind'], createdAt: string): Backup {
  return {
    id,
    deviceId: 'D',
    kind,
    fileType: kind === 'upload' ? '1 Vendor Configuration File' : '',
    size: 2048,
    sha256: 'x',
    parameterCount: kind === 'snapshot' ? 12 : 0,
    softwareVersion: '1.0',
    origin: 'manual',
    label: '',
    taskId: null,
    text: true,
    createdAt,
  };
}

describe('backup words', () => {
  const oldUpload = backup(1, 'upload', '2026-01-01T00:00:00Z');
  const newUpload = backup(2, 'upload', '2026-01-02T00:00:00Z');
  const snap = backup(3, 'snapshot', '2026-01-03T00:00:00Z');

  test('two backups of a kind compare older to newer, whatever the order they were ticked in', () => {
    assert.deepEqual(compareChoice([newUpload, oldUpload]), { kind: 'pair', from: oldUpload, to: newUpload });
  });

  test('one snapshot compares with now; one upload, mixed kinds or three backups do not compare', () => {
    assert.deepEqual(compareChoice([snap]), { kind: 'now', from: snap });
    assert.equal(compareChoice([]).kind, 'none');
    assert.equal(compareChoice([oldUpload]).kind, 'none');
    assert.equal(compareChoice([oldUpload, snap]).kind, 'none');
    assert.equal(compareChoice([oldUpload, newUpload, snap]).kind, 'none');
  });

  test('a snapshot is counted in values, a file in bytes', () => {
    assert.equal(contentWords(snap), '12 values');
    assert.equal(contentWords(oldUpload), '2.0 KB');
    assert.equal(kindWords(snap), 'Snapshot');
    assert.equal(kindWords(oldUpload), 'Uploaded file');
  });

  test('an upload failed with 9000 means the device has no Upload; other faults do not', () => {
    const fault = (code: number) => ({ name: 'upload', status: 'fault' as const, fault: { code, message: 'x' } });
    assert.equal(uploadUnsupported(fault(9000)), true);
    assert.equal(uploadUnsupported(fault(9011)), false);
    assert.equal(uploadUnsupported({ name: 'download', status: 'fault', fault: { code: 9000, message: 'x' } }), false);
  });

  test('backups and restores belong to the Backups tab; firmware pushes and uploads elsewhere do not', () => {
    assert.equal(scopeOfTask({ name: 'upload', args: { name: 'upload', fileType: '1 Vendor Configuration File' } }), 'backups');
    assert.equal(scopeOfTask({ name: 'upload', args: { name: 'upload', url: 'http://x/' } }), 'device');
    assert.equal(scopeOfTask({ name: 'download', args: { name: 'download', backupId: 4 } }), 'backups');
    assert.equal(scopeOfTask({ name: 'download', args: { name: 'download', fileId: 4 } }), 'device');
    assert.equal(labelOfTask({ name: 'download', args: { backupId: 4 } }), 'Restore');
    assert.equal(labelOfTask({ name: 'download', args: { fileId: 4 } }), 'Push firmware');
    assert.equal(labelOfTask({ name: 'upload', args: {} }), 'Back up');
  });
});
