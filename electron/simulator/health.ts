// Health values that move over time, written into the simulated device's model before each
// session: WAN byte counters that grow at a set rate (and wrap at 32 or 64 bits), Wi-Fi clients
// per band that come and go, uptime, CPU, optionally an ONT's optical power or a radio CPE's
// signal (which can be made to degrade). The clock is injectable so tests compress hours.
import type { DeviceModel } from './model.ts';

export interface HealthOptions {
  /** Milliseconds; default Date.now. */
  clock?: () => number;
  /** WAN bytes per second received and sent (default 2,000,000 and 500,000). */
  rxBytesPerSecond?: number;
  txBytesPerSecond?: number;
  /** 0-0.9: the rates swing by this share around their mean over ~2 hours (default 0: steady). */
  trafficSwing?: number;
  /** Counter width: 32-bit counters wrap at 4 GiB (default 64). */
  counterBits?: 32 | 64;
  /** The counters' first value (e.g. just below 2^32 to see a wrap soon). */
  startBytes?: bigint;
  /** Mean Wi-Fi clients on 2.4 and 5 GHz (default 4 and 2); they vary around these. */
  clients?: { '2.4 GHz'?: number; '5 GHz'?: number };
  /** An ONT: optical RX power in dBm (default none). */
  opticalRxDbm?: number;
  /** A radio CPE: signal in dBm (default none). */
  signalDbm?: number;
  /** The signal drops this many dB per minute from the start (CLI --degrade-signal). */
  degradeDbPerMinute?: number;
}

const TWO = (bits: number): bigint => 2n ** BigInt(bits);

export class SimulatedHealth {
  private readonly clock: () => number;
  private readonly start: number;
  private bootAt: number;
  private counterBase: number;
  private signal: number | undefined;
  private degradePerMinute = 0;
  private degradeFrom = 0;
  private optical: number | undefined;

  constructor(
    private readonly model: () => DeviceModel,
    private readonly o: HealthOptions = {},
  ) {
    this.clock = o.clock ?? Date.now;
    this.start = this.clock();
    this.bootAt = this.start;
    this.counterBase = this.start;
    this.signal = o.signalDbm;
    this.optical = o.opticalRxDbm;
    this.degradeFrom = this.start;
    this.degradePerMinute = o.degradeDbPerMinute ?? 0;
  }

  /** The signal drops by `dbPerMinute` from now on (0: it stays where it is). */
  degradeSignal(dbPerMinute: number): void {
    this.signal = this.currentSignal();
    this.degradeFrom = this.clock();
    this.degradePerMinute = dbPerMinute;
  }

  setSignal(dbm: number): void {
    this.signal = dbm;
    this.degradeFrom = this.clock();
    this.degradePerMinute = 0;
  }

  setOpticalRx(dbm: number): void {
    this.optical = dbm;
  }

  /** A reboot: uptime and the counters start again from zero. */
  rebooted(): void {
    this.bootAt = this.clock();
    this.counterBase = this.bootAt;
  }

  currentSignal(): number | undefined {
    if (this.signal === undefined) return undefined;
    return this.signal - (this.degradePerMinute * (this.clock() - this.degradeFrom)) / 60_000;
  }

  /** The counter value now (bytes), wrapped to the counter width. */
  counter(bytesPerSecond: number): bigint {
    const seconds = (this.clock() - this.counterBase) / 1000;
    const fromBoot = this.counterBase !== this.start;
    const base = fromBoot ? 0n : (this.o.startBytes ?? 0n);
    // The integral of rate x (1 + swing x sin(2 pi t / P)): it never decreases (swing < 1).
    const swing = Math.min(0.9, Math.max(0, this.o.trafficSwing ?? 0));
    const period = 7200;
    const wave = swing === 0 ? 0 : ((swing * period) / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * seconds) / period));
    return (base + BigInt(Math.floor(bytesPerSecond * (seconds + wave)))) % TWO(this.o.counterBits ?? 64);
  }

  /** Writes the current values into the model (paths the model lacks are added). */
  apply(): void {
    const m = this.model();
    const now = this.clock();
    const t = (now - this.start) / 1000;
    const set = (path: string, value: string, type: 'xsd:unsignedInt' | 'xsd:unsignedLong' | 'xsd:int'): void => {
      if (!m.setValue(path, value)) m.upsert({ path, object: false, writable: false, value, type });
    };
    const rx = this.counter(this.o.rxBytesPerSecond ?? 2_000_000).toString();
    const tx = this.counter(this.o.txBytesPerSecond ?? 500_000).toString();
    const counterType = this.o.counterBits === 32 ? 'xsd:unsignedInt' : 'xsd:unsignedLong';
    const clients24 = varying(this.o.clients?.['2.4 GHz'] ?? 4, t, 900);
    const clients5 = varying(this.o.clients?.['5 GHz'] ?? 2, t, 1300);
    const uptime = String(Math.floor((now - this.bootAt) / 1000));
    const cpu = String(Math.max(0, Math.min(100, Math.round(12 + 8 * Math.sin(t / 700)))));
    if (m.root() === 'Device.') {
      for (const base of ['Device.IP.Interface.1.Stats.', 'Device.PPP.Interface.1.Stats.']) {
        set(`${base}BytesReceived`, rx, counterType);
        set(`${base}BytesSent`, tx, counterType);
      }
      set('Device.WiFi.AccessPoint.1.AssociatedDeviceNumberOfEntries', String(clients24), 'xsd:unsignedInt');
      set('Device.WiFi.AccessPoint.2.AssociatedDeviceNumberOfEntries', String(clients5), 'xsd:unsignedInt');
      set('Device.DeviceInfo.UpTime', uptime, 'xsd:unsignedInt');
      set('Device.DeviceInfo.ProcessStatus.CPUUsage', cpu, 'xsd:unsignedInt');
      if (this.optical !== undefined)
        set('Device.Optical.Interface.1.OpticalSignalLevel', String(Math.round(this.optical * 1000)), 'xsd:int');
      const signal = this.currentSignal();
      if (signal !== undefined) {
        set('Device.WiFi.EndPoint.1.Stats.SignalStrength', String(Math.round(signal)), 'xsd:int');
        set('Device.WiFi.EndPoint.1.Stats.X_DESKACS_SNR', String(Math.round(signal + 95)), 'xsd:int');
        set(
          'Device.WiFi.EndPoint.1.Stats.X_DESKACS_CCQ',
          String(Math.max(0, Math.min(100, Math.round(100 + (signal + 60) * 3)))),
          'xsd:unsignedInt',
        );
      }
      return;
    }
    const igd = 'InternetGatewayDevice.';
    set(`${igd}WANDevice.1.WANCommonInterfaceConfig.TotalBytesReceived`, rx, counterType);
    set(`${igd}WANDevice.1.WANCommonInterfaceConfig.TotalBytesSent`, tx, counterType);
    const wlans = m
      .children(`${igd}LANDevice.1.WLANConfiguration.`)
      .map((n) => /\.(\d+)\.$/.exec(n.path)?.[1])
      .filter((x) => x !== undefined);
    for (const [i, n] of wlans.entries())
      set(`${igd}LANDevice.1.WLANConfiguration.${n}.TotalAssociations`, String(i === 0 ? clients24 : clients5), 'xsd:unsignedInt');
    set(`${igd}DeviceInfo.UpTime`, uptime, 'xsd:unsignedInt');
    set(`${igd}DeviceInfo.ProcessStatus.CPUUsage`, cpu, 'xsd:unsignedInt');
    if (this.optical !== undefined) {
      set(`${igd}WANDevice.1.X_GponInterafceConfig.RXPower`, String(Math.round(this.optical * 10) / 10), 'xsd:int');
      set(`${igd}WANDevice.1.X_GponInterafceConfig.TXPower`, '2', 'xsd:int');
    }
  }
}

/** A whole number that wanders around `mean` with period ~`period` seconds (clients come and go). */
function varying(mean: number, t: number, period: number): number {
  return Math.max(0, Math.round(mean + (mean / 2 + 1) * Math.sin(t / period) + Math.sin(t / (period / 3.7))));
}
