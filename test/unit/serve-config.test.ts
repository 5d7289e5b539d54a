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
  assert.equal(parseServeArgs(['-h']), 'help');
  const more = parseServeArgs(['--no-stun', '--session-timeout', '45', '--unknown-devices=refuse', '--recover-db']);
  assert.ok(more !== 'help');
  assert.equal(more.stunPort, null);
  assert.equal(more.sessionTimeoutMs, 45_000);
  assert.equal(more.cpeAuth.unknownDevices, 'refuse');
  assert.equal(more.recoverDb, true);
});

test('bad options are refused with the flag and the value named', () => {
  assert.throws(
    () => parseServeArgs(['--cwmp-port', '70000']),
    (e: unknown) => e instanceof UsageError && /--cwmp-port must be a port number/.test(e.message),
  );
  assert.throws(() => parseServeArgs(['--cpe-auth', 'kerberos']), /--cpe-auth must be one of digest, basic, none/);
  assert.throws(() => parseServeArgs(['--frobnicate']), /unknown option --frobnicate/);
  assert.throws(() => parseServeArgs(['--data']), /--data needs a value/);
  assert.throws(() => parseServeArgs(['--data', '--cwmp-port', '1']), /--data needs a value/);
  assert.throws(() => parseServeArgs(['--data=']), /--data needs a value/);
  assert.throws(() => parseServeArgs(['stray']), /unexpected argument: stray/);
  assert.throws(() => parseServeArgs(['--tls-cert', 'c.pem']), /--tls-cert and --tls-key go together/);
  assert.throws(() => parseServeArgs(['--tls-cert', 'c.pem', '--tls-key', 'k.pem']), /--tls-cert needs --tls-port/);
  assert.throws(() => parseServeArgs(['--session-timeout', '0']), /--session-timeout must be a positive whole number/);
});
