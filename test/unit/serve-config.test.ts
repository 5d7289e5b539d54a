// serve's command line: options parsed without side effects, bad ones refused with a reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultServeOptions, parseServeArgs, UsageError } from '../../electron/core/config.ts';

test('defaults, and each option read from separate or inline values', () => {
  assert.deepEqual(parseServeArgs([]), { ...defaultServeOptions, cpeAuth: {} });
  const opts = parseServeArgs(['--data', '/tmp/d', '--cwmp-port=7548', '--cpe-auth', 'basic', '--log-periodic-sessions']);
  assert.ok(opts !== 'help');
  assert.equal(opts.dataDir, '/tmp/d');
  assert.equal(opts.cwmpPort, 7548);
  assert.equal(opts.cpeAuth.mode, 'basic');
  assert.equal(opts.logPeriodicSessions, true);
  assert.equal(parseServeArgs(['--help']), 'help');
});

test('bad options are refused with the flag and the value named', () => {
  assert.throws(
    () => parseServeArgs(['--cwmp-port', '70000']),
    (e: unknown) => e instanceof UsageError && /--cwmp-port must be a port number/.test(e.message),
  );
  assert.throws(() => parseServeArgs(['--cpe-auth', 'kerberos']), /--cpe-auth must be one of digest, basic, none/);
  assert.throws(() => parseServeArgs(['--frobnicate']), /unknown option --frobnicate/);
  assert.throws(() => parseServeArgs(['--data']), /--data needs a value/);
});
