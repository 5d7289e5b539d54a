// The Reachability tab's answer to "can DeskACS wake it now?" from a diagnosis (pure).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReachAttempt, Reachability } from '../../shared/models-reach.ts';
import { bindingAge, resultWords, stunOffer, wakeAnswer } from '../../renderer/src/pages/device/reach/reach-words.ts';

function diagnosis(over: Partial<Reachability> = {}, stun: Partial<Reachability['stun']> = {}): Reachability {
  return {
    deviceId: 'd',
    connectionRequestUrl: 'http://10.0.0.2:7547/',
    connectionRequestHost: '10.0.0.2',
    informAddress: '203.0.113.9',
    natDetected: true,
    natReason: 'x',
    credentialsKnown: true,
    periodicInformIntervalSeconds: 300,
    lastInform: null,
    stun: {
      serverPort: 3478,
      enabledOnDevice: false,
      credentialsSet: false,
      binding: null,
      bindingAgeSeconds: null,
      authenticated: false,
      deviceReportedAddress: null,
      ...stun,
    },
    attempts: [],
    verdict: 'behind-nat',
    advice: '',
    ...over,
  };
}

const attempt = (over: Partial<ReachAttempt>): ReachAttempt => ({
  at: '2026-01-01T00:00:00.000Z',
  via: 'http',
  result: 'refused',
  scheme: null,
  status: null,
  target: '10.0.0.2:7547',
  message: '',
  ...over,
});

describe('reachability words', () => {
  test('the last attempt reached: Yes, and how', () => {
    const udp = wakeAnswer(diagnosis({ attempts: [attempt({ via: 'udp', result: 'reached', target: '203.0.113.9:5000' })] }));
    assert.deepEqual(udp, { answer: 'Yes', how: 'by UDP connection request to 203.0.113.9:5000 (behind NAT, through STUN)', tone: 'good' });
    assert.equal(
      wakeAnswer(diagnosis({ natDetected: false, attempts: [attempt({ result: 'reached' })] })).how,
      'by HTTP connection request to 10.0.0.2:7547',
    );
  });

  test('behind NAT with a fresh binding: Likely; with a stale or failed one: No', () => {
    assert.equal(wakeAnswer(diagnosis({}, { binding: '203.0.113.9:5000', bindingAgeSeconds: 20 })).answer, 'Likely');
    assert.equal(wakeAnswer(diagnosis({}, { binding: '203.0.113.9:5000', bindingAgeSeconds: 3600 })).answer, 'No');
    const failed = diagnosis({ attempts: [attempt({ via: 'udp', result: 'udp-no-session' })] }, { binding: 'b', bindingAgeSeconds: 5 });
    assert.deepEqual(wakeAnswer(failed), { answer: 'No', how: 'the last request over UDP: sent, no session followed', tone: 'bad' });
  });

  test('nothing tried on a flat network: Not tested', () => {
    assert.equal(wakeAnswer(diagnosis({ natDetected: false })).answer, 'Not tested');
  });

  test('results in words, with the scheme a 401 asked for', () => {
    assert.equal(resultWords(attempt({ result: 'auth-rejected', scheme: 'basic', status: 401 })), 'credentials refused (Basic)');
    assert.equal(resultWords(attempt({ result: 'http-error', status: 404 })), 'HTTP error 404');
  });

  test('binding age and the Enable STUN offer', () => {
    assert.deepEqual(bindingAge(12), { text: '12 s old', tone: 'good' });
    assert.equal(bindingAge(1800)?.tone, 'warn');
    assert.equal(bindingAge(null), null);
    assert.equal(stunOffer(diagnosis({}, { serverPort: null })).can, false);
    assert.equal(stunOffer(diagnosis({}, { credentialsSet: true })).label, 'Enable STUN again');
  });
});
