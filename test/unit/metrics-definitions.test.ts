// Metric definitions' checks (electron/core/services/metrics/definitions.ts): models and the
// mW-to-dBm conversion, and the conversion itself (sampler.ts toDbm).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMetricDefinitions, DEFAULT_METRICS, definitionAppliesTo } from '../../electron/core/services/metrics/definitions.ts';
import { toDbm } from '../../electron/core/services/metrics/sampler.ts';
import type { MetricDefinition } from '../../shared/models-monitoring.ts';

const gauge: MetricDefinition = {
  name: 'ont.rx',
  label: 'RX',
  unit: 'dBm',
  kind: 'gauge',
  aggregate: 'first',
  sources: [{ path: 'X.RXPower' }],
};

test('the defaults pass their own check', () => {
  assert.equal(checkMetricDefinitions(DEFAULT_METRICS).length, DEFAULT_METRICS.length);
});

test('models: trimmed, repeats dropped, blanks refused; matched on ModelName or ProductClass', () => {
  const [d] = checkMetricDefinitions([{ ...gauge, models: [' XX230v', 'XX230v', 'G-1425G-A'] }]);
  assert.deepEqual(d?.models, ['XX230v', 'G-1425G-A']);
  assert.equal(checkMetricDefinitions([{ ...gauge, models: [] }])[0]?.models, undefined);
  assert.throws(() => checkMetricDefinitions([{ ...gauge, models: [' '] }]), /metric 1 \(ont\.rx\): a model name must not be empty/);
  assert.ok(d && definitionAppliesTo(d, { modelName: 'XX230v', productClass: 'other' }));
  assert.ok(d && definitionAppliesTo(d, { modelName: null, productClass: 'G-1425G-A' }));
  assert.ok(d && !definitionAppliesTo(d, { modelName: 'EG8145V5', productClass: 'EG8145V5' }));
  assert.ok(d && !definitionAppliesTo(d, undefined));
  assert.ok(definitionAppliesTo(gauge, { modelName: 'anything', productClass: 'x' }));
});

test('convert: mW-to-dBm on gauges only, and the conversion', () => {
  const src = [{ path: 'X.RXPower', scale: 0.0001, convert: 'mW-to-dBm' as const }];
  assert.deepEqual(checkMetricDefinitions([{ ...gauge, sources: src }])[0]?.sources, src);
  assert.throws(() => checkMetricDefinitions([{ ...gauge, kind: 'counter', sources: src }]), /convert applies to gauges only/);
  assert.throws(
    () => checkMetricDefinitions([{ ...gauge, sources: [{ path: 'X.R', convert: 'dB' as 'mW-to-dBm' }] }]),
    /convert must be mW-to-dBm/,
  );
  // TP-Link XX230v: RXPower 5624 and TXPower 14880 in 0.1 uW.
  assert.equal(Math.round((toDbm(5624 * 0.0001, 'mW-to-dBm') ?? 0) * 100) / 100, -2.5);
  assert.equal(Math.round((toDbm(14880 * 0.0001, 'mW-to-dBm') ?? 0) * 100) / 100, 1.73);
  assert.equal(toDbm(0, 'mW-to-dBm'), null, 'no light: no sample');
  assert.equal(toDbm(-1, 'mW-to-dBm'), null);
  assert.equal(toDbm(0, undefined), 0, 'without convert a 0 is a value');
});
