// Programmatic entry point: one simulated CPE talking to an ACS, with its own (or a shared)
// connection-request listener. Used by the product ("try it on a virtual device first"), tests
// and the fleet/benchmark driver.

import { builtinModel, type BuiltinModelName } from './builtin-models.ts';
import { ConnectionRequestServer } from './connection-request.ts';
import { SimulatedCpe } from './cpe.ts';
import { SimulatedDevice } from './device.ts';
import type { FirmwareFailure } from './device-files.ts';
import type { DiagnosticsBehaviour } from './diagnostics.ts';
import { deviceIdentity, setSerialNumber } from './identity.ts';
import { unlimited, type Limiter } from './limiter.ts';
import type { DeviceModel } from './model.ts';
import type { SessionReport } from './session-client.ts';
import { SimulatedNat } from './nat.ts';
import { SimulatedHealth, type HealthOptions } from './health.ts';
import { addStunParameters, natTarget, unreachableUrl } from './nat-model.ts';

export interface SimulatorOptions {
  acsUrl: string;
  /** A model (copied, never mutated) or a built-in name; default 'tr181'. */
  model?: DeviceModel | BuiltinModelName;
  /** Overrides DeviceInfo.SerialNumber. */
  serial?: string;
  /** CA certificates (PEM) the device trusts for an https acsUrl (default: the system's CAs). */
  acsCa?: string | Buffer;
  /** CPE -> ACS credentials (answered to a Basic or Digest challenge). */
  username?: string;
  password?: string;
  /** Connection-request credentials written to the model; false: no listener at all. */
  connectionRequest?: { username: string; password: string } | false;
  /** Share one listener between many devices (fleets). */
  connectionRequestServer?: ConnectionRequestServer;
  /**
   * Behind a simulated NAT (TR-069 Annex G): the ConnectionRequestURL advertised is unreachable;
   * the device has the ManagementServer.STUN* parameters, learns its binding from the STUN server
   * they name after each session, and wakes on signed UDP connection requests. `advertisedHost`:
   * the host of that unreachable URL (default 127.0.0.1; 127.0.0.2 makes the URL's address differ
   * from the one sessions come from, as behind a real NAT, on systems that route all of 127/8).
   */
  nat?: boolean | { advertisedHost: string };
  periodicSeconds?: number;
  periodicJitter?: boolean;
  /** Sessions after reboots, transfers and ScheduleInform start by themselves (default true). */
  autoSessions?: boolean;
  /** Retry failed background sessions with the TR-069 back-off (default: same as autoSessions). */
  retryFailedSessions?: boolean;
  /** True: this device already bootstrapped with the ACS, so no '0 BOOTSTRAP'. */
  bootstrapped?: boolean;
  injectFaults?: Partial<Record<string, number>>;
  /** How firmware downloads fail on this device (default: they succeed). */
  firmwareFailure?: FirmwareFailure;
  /** Diagnostics: delay before '8 DIAGNOSTICS COMPLETE', unsupported ones (9000), ones that never complete. */
  diagnostics?: DiagnosticsBehaviour;
  rebootDelayMs?: number;
  maxAttempts?: number;
  maxRetryAfterSeconds?: number;
  /** Default: cwmp-1-2 for a Device:2 model, cwmp-1-0 for InternetGatewayDevice (as most such CPEs). */
  cwmpNamespace?: string;
  userAgent?: string;
  timeoutMs?: number;
  limiter?: Limiter;
  onSession?: (report: SessionReport) => void;
  /** Health values that move over time (traffic, Wi-Fi clients, uptime, signal), refreshed before each session. */
  health?: HealthOptions | boolean;
}

export interface SimulatorHandle {
  readonly serial: string;
  readonly cpe: SimulatedCpe;
  /** The device's current data model (replaced by a factory reset). */
  readonly model: DeviceModel;
  readonly connectionRequestUrl: string | undefined;
  /** The NAT side of a device started with `nat: true`. */
  readonly nat: SimulatedNat | undefined;
  /** Every completed session, oldest first. */
  readonly sessions: readonly SessionReport[];
  /** The moving health values of a device started with `health`. */
  readonly health: SimulatedHealth | undefined;
  /** Runs a session now (after one in progress), adding these event codes to the pending ones. */
  runSession(events?: string[]): Promise<SessionReport>;
  nextSession(): Promise<SessionReport>;
  /** Waits until no session, reboot or transfer is in progress. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

function resolveModel(model: SimulatorOptions['model'], serial: string | undefined): DeviceModel {
  const copy = model === undefined || typeof model === 'string' ? builtinModel(model ?? 'tr181') : model.clone();
  if (serial !== undefined) setSerialNumber(copy, serial);
  return copy;
}

/** Writes what the runtime owns into the model: ACS URL and credentials, connection request. */
function applyRuntime(model: DeviceModel, o: SimulatorOptions, crUrl: string | undefined): void {
  const ms = `${model.root()}ManagementServer.`;
  const set = (name: string, value: string): void => {
    if (!model.setValue(ms + name, value))
      model.upsert({ path: ms + name, object: false, writable: name !== 'ConnectionRequestURL', value, type: 'xsd:string' });
  };
  set('URL', o.acsUrl);
  if (o.username !== undefined) set('Username', o.username);
  if (o.password !== undefined) set('Password', o.password);
  if (crUrl !== undefined) set('ConnectionRequestURL', crUrl);
  if (o.connectionRequest) {
    set('ConnectionRequestUsername', o.connectionRequest.username);
    set('ConnectionRequestPassword', o.connectionRequest.password);
  }
}

function defaultNamespace(model: DeviceModel): string {
  return model.root() === 'Device.' ? 'urn:dslforum-org:cwmp-1-2' : 'urn:dslforum-org:cwmp-1-0';
}

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
  const model = resolveModel(options.model, options.serial);
  const serial = deviceIdentity(model).serialNumber;
  const behindNat = options.nat !== undefined && options.nat !== false;
  const ownServer = options.connectionRequest !== false && !options.connectionRequestServer && !behindNat;
  const server =
    options.connectionRequest === false || behindNat
      ? undefined
      : (options.connectionRequestServer ?? (await ConnectionRequestServer.start()));
  let device: SimulatedDevice | undefined;
  const wake = (): void => void device?.session(['6 CONNECTION REQUEST']);
  const nat = behindNat ? await SimulatedNat.start(natTarget(() => cpe.model, wake)) : undefined;
  if (nat !== undefined) addStunParameters(model);
  const natHost = typeof options.nat === 'object' ? options.nat.advertisedHost : '127.0.0.1';
  const natUrl = nat === undefined ? undefined : await unreachableUrl(serial, natHost);
  const crUrl =
    natUrl ??
    server?.register(serial, {
      credentials: () => {
        const ms = `${cpe.model.root()}ManagementServer.`;
        return {
          username: cpe.model.value(`${ms}ConnectionRequestUsername`) ?? '',
          password: cpe.model.value(`${ms}ConnectionRequestPassword`) ?? '',
        };
      },
      onConnectionRequest: wake,
    });
  applyRuntime(model, options, crUrl);
  const cpe = new SimulatedCpe(model, {
    bootstrapped: options.bootstrapped,
    injectFaults: options.injectFaults,
    firmwareFailure: options.firmwareFailure,
    diagnostics: options.diagnostics,
  });
  const auto = options.autoSessions ?? true;
  const health =
    options.health === undefined || options.health === false
      ? undefined
      : new SimulatedHealth(() => cpe.model, options.health === true ? {} : options.health);
  health?.apply();
  let powerOn = true;
  device = new SimulatedDevice(cpe, {
    beforeSession: () => {
      if (health === undefined) return;
      // A reboot since the last session: uptime and counters start again (the first boot is the start).
      const boot = cpe.events.list().some((e) => e.code === '1 BOOT');
      if (boot && !powerOn) health.rebooted();
      powerOn = false;
      health.apply();
    },
    session: {
      acsUrl: options.acsUrl,
      username: options.username,
      password: options.password,
      cwmpNamespace: options.cwmpNamespace ?? defaultNamespace(model),
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
      ca: options.acsCa,
    },
    limiter: options.limiter ?? unlimited,
    autoSessions: auto,
    retryFailedSessions: options.retryFailedSessions ?? auto,
    periodicSeconds: options.periodicSeconds,
    periodicJitter: options.periodicJitter,
    rebootDelayMs: options.rebootDelayMs ?? 0,
    maxAttempts: options.maxAttempts ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 300,
    onSession: (report) => {
      // A CPE that supports Annex G sends a Binding Request once STUN is configured (G.2.2).
      if (nat !== undefined && nat.binding === null) void nat.refresh();
      options.onSession?.(report);
    },
    onFactoryReset: () => {
      applyRuntime(cpe.model, options, crUrl);
      if (nat !== undefined) addStunParameters(cpe.model);
    },
  });
  device.start();
  return handleFor(serial, cpe, device, crUrl, nat, health, async () => {
    server?.unregister(serial);
    await nat?.close();
    if (ownServer) await server?.close();
  });
}

function handleFor(
  serial: string,
  cpe: SimulatedCpe,
  device: SimulatedDevice,
  crUrl: string | undefined,
  nat: SimulatedNat | undefined,
  health: SimulatedHealth | undefined,
  release: () => Promise<void>,
): SimulatorHandle {
  return {
    serial,
    cpe,
    health,
    get model() {
      return cpe.model;
    },
    connectionRequestUrl: crUrl,
    nat,
    sessions: device.sessions,
    runSession: (events) => device.session(events),
    nextSession: () => device.nextSession(),
    idle: () => device.idle(),
    close: async () => {
      await device.close();
      await release();
    },
  };
}
