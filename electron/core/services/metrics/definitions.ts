// The health metrics DeskACS samples, by default, and their vendor paths (from real dumps under
// ../shared/cwmp/datamodels: Huawei EG8145 X_GponInterafceConfig, TP-Link X_TP_GPON_Config,
// TR-181 Device.Optical, TR-098 WANCommonInterfaceConfig, Device.WiFi.AccessPoint ...). The
// operator may replace the list (setMetricDefinitions); it is stored as a setting.
import { AcsError } from '../../../../shared/errors.ts';
import { metricAggregates, metricKinds, type MetricDefinition, type MetricSettings } from '../../../../shared/models-monitoring.ts';
import type { Store } from '../../store/index.ts';

export const METRIC_DEFINITIONS_SETTING = 'metrics.definitions';
export const METRIC_SETTINGS_SETTING = 'metrics.settings';

export const defaultMetricSettings: MetricSettings = { samplingIntervalSeconds: 300, rawDays: 7, hourlyMonths: 13 };

/** At most this many paths in one piggybacked GetParameterValues. */
export const MAX_SAMPLED_PATHS = 40;

export const DEFAULT_METRICS: readonly MetricDefinition[] = [
  {
    name: 'wan.rx',
    label: 'WAN download',
    unit: 'bit/s',
    kind: 'counter',
    aggregate: 'sum',
    sources: [
      { path: 'InternetGatewayDevice.WANDevice.*.WANCommonInterfaceConfig.TotalBytesReceived', scale: 8 },
      { path: '{wan}Stats.BytesReceived', scale: 8 },
    ],
  },
  {
    name: 'wan.tx',
    label: 'WAN upload',
    unit: 'bit/s',
    kind: 'counter',
    aggregate: 'sum',
    sources: [
      { path: 'InternetGatewayDevice.WANDevice.*.WANCommonInterfaceConfig.TotalBytesSent', scale: 8 },
      { path: '{wan}Stats.BytesSent', scale: 8 },
    ],
  },
  {
    name: 'wifi.clients',
    label: 'Wi-Fi clients',
    unit: 'clients',
    kind: 'gauge',
    aggregate: 'sum',
    split: 'band',
    sources: [
      { path: 'Device.WiFi.AccessPoint.*.AssociatedDeviceNumberOfEntries' },
      { path: 'InternetGatewayDevice.LANDevice.*.WLANConfiguration.*.TotalAssociations' },
    ],
  },
  {
    name: 'optical.rxPower',
    label: 'Optical RX power',
    unit: 'dBm',
    kind: 'gauge',
    aggregate: 'first',
    // Vendor paths come before TR-181's: the TP-Link XX230v dump has OpticalSignalLevel and
    // TransmitOpticalLevel both "0" (a placeholder: 0 dBm received would overload a GPON receiver,
    // whose limit is about -8 dBm) while X_TP_GPON_Config holds the real readings. Those are raw
    // SFF-8472 values: RXPower 5624 and TXPower 14880 in 0.1 uW (-2.5 dBm and +1.7 dBm; the same
    // dump's TransceiverTemperature 12251 is SFF-8472's 1/256 degC, 47.9 degC), so they are scaled
    // to mW and converted to dBm. An exact 0 from the TR-181 path is still kept as a sample: a
    // device whose only optical path is TR-181 may really report it, and it is not dropped silently.
    sources: [
      { path: 'InternetGatewayDevice.WANDevice.*.X_GponInterafceConfig.RXPower' },
      { path: 'InternetGatewayDevice.WANDevice.*.X_ZTE-COM_WANPONInterfaceConfig.RXPower' },
      // Nokia/ALU G-1425G-A: already in dBm, as text ("-3.409399").
      { path: 'InternetGatewayDevice.X_ALU_OntOpticalParam.RXPower' },
      { path: 'Device.Optical.Interface.*.X_TP_GPON_Config.RXPower', scale: 0.0001, convert: 'mW-to-dBm' },
      // TR-181: OpticalSignalLevel is in 0.001 dBm.
      { path: 'Device.Optical.Interface.*.OpticalSignalLevel', scale: 0.001 },
    ],
  },
  {
    name: 'optical.txPower',
    label: 'Optical TX power',
    unit: 'dBm',
    kind: 'gauge',
    aggregate: 'first',
    sources: [
      { path: 'InternetGatewayDevice.WANDevice.*.X_GponInterafceConfig.TXPower' },
      { path: 'InternetGatewayDevice.WANDevice.*.X_ZTE-COM_WANPONInterfaceConfig.TXPower' },
      { path: 'InternetGatewayDevice.X_ALU_OntOpticalParam.TXPower' },
      { path: 'Device.Optical.Interface.*.X_TP_GPON_Config.TXPower', scale: 0.0001, convert: 'mW-to-dBm' },
      { path: 'Device.Optical.Interface.*.TransmitOpticalLevel', scale: 0.001 },
    ],
  },
  {
    name: 'radio.signal',
    label: 'Radio signal',
    unit: 'dBm',
    kind: 'gauge',
    aggregate: 'min',
    sources: [{ path: 'Device.WiFi.EndPoint.*.Stats.SignalStrength' }],
  },
  {
    name: 'radio.snr',
    label: 'Radio SNR',
    unit: 'dB',
    kind: 'gauge',
    aggregate: 'min',
    // Not in TR-181: vendors name it; the simulator's radio CPE uses this one.
    sources: [{ path: 'Device.WiFi.EndPoint.*.Stats.X_DESKACS_SNR' }],
  },
  {
    name: 'radio.ccq',
    label: 'Radio CCQ',
    unit: '%',
    kind: 'gauge',
    aggregate: 'min',
    sources: [{ path: 'Device.WiFi.EndPoint.*.Stats.X_DESKACS_CCQ' }],
  },
  {
    name: 'uptime',
    label: 'Uptime',
    unit: 's',
    kind: 'gauge',
    aggregate: 'first',
    sources: [{ path: 'Device.DeviceInfo.UpTime' }, { path: 'InternetGatewayDevice.DeviceInfo.UpTime' }],
  },
  {
    name: 'cpu',
    label: 'CPU',
    unit: '%',
    kind: 'gauge',
    aggregate: 'first',
    sources: [{ path: 'Device.DeviceInfo.ProcessStatus.CPUUsage' }, { path: 'InternetGatewayDevice.DeviceInfo.ProcessStatus.CPUUsage' }],
  },
  {
    name: 'memory.free',
    label: 'Free memory',
    unit: 'KiB',
    kind: 'gauge',
    aggregate: 'first',
    sources: [{ path: 'Device.DeviceInfo.MemoryStatus.Free' }, { path: 'InternetGatewayDevice.DeviceInfo.MemoryStatus.Free' }],
  },
];

const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
const PATH = /^(\{wan\})?[A-Za-z0-9_*{}.-]+$/;

/** Checks an operator's list; throws bad_request naming the first problem. */
export function checkMetricDefinitions(list: readonly MetricDefinition[]): MetricDefinition[] {
  const seen = new Set<string>();
  return list.map((d, i) => {
    const where = `metric ${i + 1} (${d.name})`;
    if (!NAME.test(d.name)) throw new AcsError('bad_request', `${where}: a name is a letter then letters, digits, _ . - (at most 64)`);
    if (seen.has(d.name)) throw new AcsError('bad_request', `${where}: the name is used twice`);
    seen.add(d.name);
    if (!metricKinds.includes(d.kind)) throw new AcsError('bad_request', `${where}: kind must be ${metricKinds.join(' or ')}`);
    if (!metricAggregates.includes(d.aggregate))
      throw new AcsError('bad_request', `${where}: aggregate must be one of ${metricAggregates.join(', ')}`);
    for (const s of d.sources) {
      const path = s.path.trim();
      if (!PATH.test(path) || path.endsWith('.') || path.includes('..'))
        throw new AcsError('bad_request', `${where}: '${s.path}' is not a parameter path (use * for instance numbers, {wan} for the WAN)`);
      if (s.scale !== undefined && (!Number.isFinite(s.scale) || s.scale === 0))
        throw new AcsError('bad_request', `${where}: scale must be a non-zero number`);
      if (s.convert !== undefined && s.convert !== 'mW-to-dBm') throw new AcsError('bad_request', `${where}: convert must be mW-to-dBm`);
      if (s.convert !== undefined && d.kind !== 'gauge') throw new AcsError('bad_request', `${where}: convert applies to gauges only`);
    }
    const models = checkModels(where, d.models);
    return {
      name: d.name,
      label: d.label.trim() === '' ? d.name : d.label.trim(),
      unit: d.unit,
      kind: d.kind,
      aggregate: d.aggregate,
      ...(d.split === undefined ? {} : { split: d.split }),
      ...(models.length === 0 ? {} : { models }),
      sources: d.sources.map((s) => ({
        path: s.path.trim(),
        ...(s.scale === undefined ? {} : { scale: s.scale }),
        ...(s.convert === undefined ? {} : { convert: s.convert }),
      })),
    };
  });
}

/** A definition's models: trimmed, without blanks or repeats, each a ModelName or ProductClass. */
function checkModels(where: string, models: readonly string[] | undefined): string[] {
  if (models === undefined) return [];
  if (!Array.isArray(models)) throw new AcsError('bad_request', `${where}: models must be a list of model names`);
  const out: string[] = [];
  for (const m of models) {
    if (typeof m !== 'string') throw new AcsError('bad_request', `${where}: models must be a list of model names`);
    const name = m.trim();
    if (name === '') throw new AcsError('bad_request', `${where}: a model name must not be empty`);
    if (name.length > 64) throw new AcsError('bad_request', `${where}: model '${name.slice(0, 20)}...' is longer than 64 characters`);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** True when the definition applies to a device of this ModelName / ProductClass. */
export function definitionAppliesTo(
  def: MetricDefinition,
  device: { modelName: string | null; productClass: string | null } | undefined,
): boolean {
  if (def.models === undefined || def.models.length === 0) return true;
  if (device === undefined) return false;
  return def.models.some((m) => m === device.modelName || m === device.productClass);
}

function isDefinitionList(value: unknown): value is MetricDefinition[] {
  return Array.isArray(value) && value.every((d) => typeof d === 'object' && d !== null && Array.isArray((d as MetricDefinition).sources));
}

/** The stored definitions, or the defaults. */
export function loadMetricDefinitions(store: Store): MetricDefinition[] {
  const saved = store.settings.get(METRIC_DEFINITIONS_SETTING, isDefinitionList);
  if (saved === undefined) return DEFAULT_METRICS.map((d) => ({ ...d, sources: d.sources.map((s) => ({ ...s })) }));
  try {
    return checkMetricDefinitions(saved);
  } catch {
    return DEFAULT_METRICS.map((d) => ({ ...d }));
  }
}

function isSettings(value: unknown): value is Partial<MetricSettings> {
  return typeof value === 'object' && value !== null;
}

export function loadMetricSettings(store: Store): MetricSettings {
  const saved = store.settings.get(METRIC_SETTINGS_SETTING, isSettings) ?? {};
  const pick = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  return {
    samplingIntervalSeconds: pick(saved.samplingIntervalSeconds, defaultMetricSettings.samplingIntervalSeconds),
    rawDays: pick(saved.rawDays, defaultMetricSettings.rawDays),
    hourlyMonths: pick(saved.hourlyMonths, defaultMetricSettings.hourlyMonths),
  };
}
