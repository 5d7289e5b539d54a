// Hourly aggregates packed per day: what goes in comes out (float32 read back as its short
// decimal), empty hours stay out, a day is merged into, and a range cuts at its hours.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DAY_BYTES, packDay, unpackDay } from '../../electron/core/store/metrics-daily.ts';

const DAY = 20_000;
const hour = (h: number): number => DAY * 86_400 + h * 3600;

test('pack and unpack a day of hourly aggregates', () => {
  const a = packDay(undefined, [
    { hour: hour(0), n: 12, min: -27.1, avg: -25.35, max: -23.9, last: -24 },
    { hour: hour(13), n: 3, min: 15_999_872, avg: 16_000_000, max: 16_000_128, last: 16_000_000 },
  ]);
  assert.equal(a.length, DAY_BYTES);
  const b = packDay(a, [{ hour: hour(23), n: 1, min: 0, avg: 0, max: 0, last: 0 }]);
  const all = unpackDay(DAY, b, 0, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(
    all.map((p) => [p.hour, p.n, p.min, p.avg, p.max, p.last]),
    [
      [hour(0), 12, -27.1, -25.35, -23.9, -24],
      [hour(13), 3, 15_999_870, 16_000_000, 16_000_130, 16_000_000],
      [hour(23), 1, 0, 0, 0, 0],
    ],
  );
  assert.deepEqual(
    unpackDay(DAY, b, hour(1), hour(22)).map((p) => p.hour),
    [hour(13)],
  );
  assert.deepEqual(unpackDay(DAY, new Uint8Array(10), 0, Number.MAX_SAFE_INTEGER), [], 'a damaged row reads as no hours');
});
