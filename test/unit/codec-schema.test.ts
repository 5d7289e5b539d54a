// Every ACS builder's output, for each CWMP version whose schema defines the RPC, validates
// against the Broadband Forum XSDs (../shared/cwmp/schemas, run through xmllint). Skips with a
// clear message when ../shared or xmllint/python3 is absent.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { buildEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { CwmpVersion } from '../../electron/core/cwmp/messages.ts';
import { buildCases } from '../fixtures/cwmp/build-cases.ts';
import { schemasDir } from '../fixtures/cwmp/load.ts';

function missingTool(): string | false {
  if (!existsSync(join(schemasDir, 'validate-cwmp-body.sh'))) {
    return `BBF schemas not found at ${schemasDir} (../shared is not checked out next to the repo)`;
  }
  for (const tool of ['xmllint', 'python3']) {
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error !== undefined) return `${tool} is not installed (Debian: libxml2-utils / python3)`;
  }
  return false;
}

const skip = missingTool();
const ORDER: Record<CwmpVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3, '1.4': 4 };
// 1.3 and 1.4 share the cwmp-1-2 namespace and are validated against cwmp-1-4.xsd like 1.2.
const VERSIONS: readonly CwmpVersion[] = ['1.0', '1.1', '1.2', '1.4'];

// Asynchronous so the versions validate in parallel (each file costs a python3 and two xmllint runs).
function run(script: string, files: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile('sh', [join(schemasDir, script), ...files], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ status: code, output: `${stdout}${stderr}` });
    });
  });
}

describe('ACS output is valid against the BBF CWMP schemas', { concurrency: true }, () => {
  const dir = skip ? '' : mkdtempSync(join(tmpdir(), 'deskacs-codec-schema-'));
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const version of VERSIONS) {
    test(`every builder for CWMP ${version} (RPC element and whole envelope)`, { skip }, async () => {
      const files: string[] = [];
      for (const c of buildCases) {
        if (ORDER[c.since] > ORDER[version]) continue;
        const file = join(dir, `${c.label}-${version}.xml`);
        writeFileSync(file, buildEnvelope({ version, id: `schema-${c.label}`, body: c.body }));
        files.push(file);
      }
      assert.ok(files.length >= 25);
      const [body, whole] = await Promise.all([run('validate-cwmp-body.sh', files), run('validate-cwmp.sh', files)]);
      assert.equal(body.status, 0, `body validation failed:\n${body.output}`);
      assert.equal(body.output.match(/\[body\] validates/g)?.length, files.length, body.output);
      assert.equal(whole.status, 0, `envelope validation failed:\n${whole.output}`);
    });
  }

  test('the validator does reject an invalid message (the check can fail)', { skip }, async () => {
    const file = join(dir, 'invalid.xml');
    const xml = buildEnvelope({ version: '1.0', id: 'x', body: { name: 'Fault', code: 8000, string: '' } });
    writeFileSync(file, xml.replace('<FaultCode>8000</FaultCode>', '<FaultCode>7000</FaultCode>'));
    const r = await run('validate-cwmp-body.sh', [file]);
    assert.notEqual(r.status, 0, r.output);
  });
});
