// The simulated CPE's RPC behaviour, free of I/O: handle() answers one ACS request with a
// response or a fault, and queues the side effects a real CPE performs after the session
// (reboot, factory reset, file transfers, scheduled informs) as actions for the runtime.

import type {
  AcsRequest,
  CpeFault,
  CpeResponse,
  DownloadArgs,
  EventStruct,
  InformRequest,
  ParameterValue,
  TransferCompleteRequest,
  UploadArgs,
} from '../core/cwmp/messages.ts';
import { addObject, deleteObject } from './cpe-objects.ts';
import type { FirmwareFailure } from './device-files.ts';
import * as params from './cpe-params.ts';
import { CpeFaultError, cpeFault } from './faults.ts';
import { deviceIdentity, informParameters } from './identity.ts';
import type { DeviceModel } from './model.ts';
import { checkTransferUrl } from './transfers.ts';
import { EventQueue } from './events.ts';
import { requestedDiagnostics, type DiagnosticsBehaviour, type SimDiagnostic } from './diagnostics.ts';
import { distortNames, distortValues, dropsOn, type CpeMisbehaviour } from './misbehaviour.ts';

export type CpeReply = CpeResponse | CpeFault;

export type CpeAction =
  | { kind: 'reboot'; commandKey: string }
  | { kind: 'factoryReset' }
  | { kind: 'download'; request: DownloadArgs }
  | { kind: 'upload'; request: UploadArgs }
  | { kind: 'scheduleInform'; delaySeconds: number; commandKey: string }
  /** DiagnosticsState=Requested was set on `object` (simulator/diagnostics.ts runs it). */
  | { kind: 'diagnostic'; object: string; diagnostic: SimDiagnostic };

/** RPCs this CPE implements (GetRPCMethodsResponse); anything else is answered with 9000. */
export const SUPPORTED_METHODS = [
  'GetRPCMethods',
  'GetParameterNames',
  'GetParameterValues',
  'SetParameterValues',
  'GetParameterAttributes',
  'SetParameterAttributes',
  'AddObject',
  'DeleteObject',
  'Reboot',
  'FactoryReset',
  'Download',
  'Upload',
  'ScheduleInform',
] as const;

export interface SimulatedCpeOptions {
  /** False (default) makes the first Inform carry '0 BOOTSTRAP' (first contact with this ACS). */
  bootstrapped?: boolean;
  /** RPC name -> fault code answered instead of handling it (e.g. { Download: 9002 }). */
  injectFaults?: Partial<Record<string, number>>;
  /** How a firmware download fails on this device (default: it succeeds). */
  firmwareFailure?: FirmwareFailure | undefined;
  /** How diagnostics behave: their delay, which are unsupported (9000) or never complete. */
  diagnostics?: DiagnosticsBehaviour | undefined;
  /** How this CPE gets parameter discovery wrong (simulator/misbehaviour.ts; default: it does not). */
  misbehaviour?: CpeMisbehaviour | undefined;
}

const UNKNOWN_TIME = '0001-01-01T00:00:00Z';

export class SimulatedCpe {
  private current: DeviceModel;
  private readonly factory: DeviceModel;
  private attributes: params.AttributeStore = new Map();
  private actions: CpeAction[] = [];
  private transfers: TransferCompleteRequest[] = [];
  readonly events = new EventQueue();
  /** Mutable: tests and the UI may inject faults at any time. */
  injectFaults: Partial<Record<string, number>>;
  /** Mutable like injectFaults: how the next firmware download fails (undefined: it succeeds). */
  firmwareFailure: FirmwareFailure | undefined;
  /** Mutable like injectFaults: how diagnostics behave (simulator/diagnostics.ts). */
  diagnostics: DiagnosticsBehaviour;
  /** Mutable like injectFaults: how parameter discovery goes wrong (simulator/misbehaviour.ts). */
  misbehaviour: CpeMisbehaviour;

  constructor(model: DeviceModel, options: SimulatedCpeOptions = {}) {
    this.current = model;
    this.factory = model.clone();
    this.injectFaults = { ...options.injectFaults };
    this.firmwareFailure = options.firmwareFailure;
    this.diagnostics = { ...options.diagnostics };
    this.misbehaviour = { ...options.misbehaviour };
    this.events.powerOn(options.bootstrapped !== true);
  }

  get model(): DeviceModel {
    return this.current;
  }

  /** Answers one ACS request; never throws. */
  handle(request: AcsRequest): CpeReply {
    const injected = this.injectFaults[request.name];
    if (injected !== undefined) return cpeFault(injected);
    try {
      return this.dispatch(request);
    } catch (err) {
      if (err instanceof CpeFaultError) return err.fault;
      return cpeFault(9002, err instanceof Error ? err.message : String(err));
    }
  }

  /** True when this CPE closes the connection instead of answering `request` (a misbehaviour). */
  dropsOn(request: AcsRequest): boolean {
    return dropsOn(this.misbehaviour, request);
  }

  /** Side effects queued by handle() since the last call, for the runtime to run after the session. */
  takeActions(): CpeAction[] {
    const out = this.actions;
    this.actions = [];
    return out;
  }

  private dispatch(request: AcsRequest): CpeResponse {
    const model = this.current;
    switch (request.name) {
      case 'GetRPCMethods':
        return { name: 'GetRPCMethodsResponse', methods: [...SUPPORTED_METHODS] };
      case 'GetParameterNames':
        return {
          name: 'GetParameterNamesResponse',
          parameterList: distortNames(this.misbehaviour, params.getParameterNames(model, request)),
        };
      case 'GetParameterValues': {
        const list = params.getParameterValues(model, request.parameterNames);
        return { name: 'GetParameterValuesResponse', parameterList: distortValues(this.misbehaviour, request.parameterNames, list) };
      }
      case 'SetParameterValues': {
        const diagnostics = requestedDiagnostics(request.parameterList);
        const refused = diagnostics.find((d) => this.diagnostics.unsupported?.includes(d.kind));
        if (refused !== undefined) throw new CpeFaultError(9000, `Method not supported: ${refused.kind} diagnostics`);
        const status = params.setParameterValues(model, request);
        for (const d of diagnostics) this.actions.push({ kind: 'diagnostic', object: d.object, diagnostic: d.kind });
        return { name: 'SetParameterValuesResponse', status };
      }
      case 'GetParameterAttributes': {
        const list = params.getParameterAttributes(model, this.attributes, request.parameterNames);
        return { name: 'GetParameterAttributesResponse', parameterList: list };
      }
      case 'SetParameterAttributes':
        params.setParameterAttributes(model, this.attributes, request.parameterList);
        return { name: 'SetParameterAttributesResponse' };
      case 'AddObject':
        return { name: 'AddObjectResponse', instanceNumber: addObject(model, request.objectName, request.parameterKey), status: 0 };
      case 'DeleteObject':
        deleteObject(model, this.attributes, request.objectName, request.parameterKey);
        return { name: 'DeleteObjectResponse', status: 0 };
      case 'Reboot':
        this.actions.push({ kind: 'reboot', commandKey: request.commandKey });
        return { name: 'RebootResponse' };
      case 'FactoryReset':
        this.actions.push({ kind: 'factoryReset' });
        return { name: 'FactoryResetResponse' };
      case 'Download':
      case 'Upload':
        return this.transfer(request);
      case 'ScheduleInform':
        if (!(request.delaySeconds > 0)) throw new CpeFaultError(9003, 'DelaySeconds must be greater than 0');
        this.actions.push({ kind: 'scheduleInform', delaySeconds: request.delaySeconds, commandKey: request.commandKey });
        return { name: 'ScheduleInformResponse' };
      case 'ScheduleDownload':
      case 'CancelTransfer':
      case 'GetQueuedTransfers':
      case 'GetAllQueuedTransfers':
      case 'ChangeDUState':
        throw new CpeFaultError(9000, `Method not supported: ${request.name}`);
    }
  }

  /** Download/Upload: accepted for later (status 1, TR-069 A.3.2.8); the runtime does the transfer. */
  private transfer(request: DownloadArgs | UploadArgs): CpeResponse {
    checkTransferUrl(request.url);
    const accepted = { status: 1, startTime: UNKNOWN_TIME, completeTime: UNKNOWN_TIME };
    if (request.name === 'Download') {
      this.actions.push({ kind: 'download', request });
      return { name: 'DownloadResponse', ...accepted };
    }
    this.actions.push({ kind: 'upload', request });
    return { name: 'UploadResponse', ...accepted };
  }

  // ------------------------------------------------------------------------------------------
  // Session-level state used by the session client.

  buildInform(now: Date, retryCount: number): InformRequest {
    const parameterList: ParameterValue[] = informParameters(this.current);
    for (const path of this.events.changedParameters()) {
      const node = this.current.get(path);
      if (node && !parameterList.some((p) => p.name === path)) parameterList.push({ name: path, value: node.value, type: node.type });
    }
    return {
      name: 'Inform',
      deviceId: deviceIdentity(this.current),
      events: this.events.forInform(),
      maxEnvelopes: 1,
      currentTime: now.toISOString(),
      retryCount,
      parameterList,
    };
  }

  /** TransferComplete messages waiting to be delivered (TR-069 A.3.3.2). */
  pendingTransferCompletes(): TransferCompleteRequest[] {
    return [...this.transfers];
  }

  queueTransferComplete(tc: TransferCompleteRequest, events: EventStruct[]): void {
    this.transfers.push(tc);
    for (const e of events) this.events.add(e.code, e.commandKey);
  }

  transferCompleteDelivered(tc: TransferCompleteRequest): void {
    this.transfers = this.transfers.filter((t) => t !== tc);
  }

  /** The device reboots: next Inform carries 'M Reboot' (with the CommandKey) and '1 BOOT'. */
  reboot(commandKey: string): void {
    this.events.add('M Reboot', commandKey);
    this.events.add('1 BOOT');
  }

  /** Back to the factory model and attributes; next Inform carries '0 BOOTSTRAP' and '1 BOOT'. */
  factoryReset(): void {
    this.current = this.factory.clone();
    this.attributes = new Map();
    this.transfers = [];
    this.events.clear();
    this.events.powerOn(true);
  }

  /**
   * A change made on the device itself (not by the ACS). Queues '4 VALUE CHANGE' when the
   * parameter has notification on; returns true when it is Active, i.e. a session should start.
   */
  changeLocally(path: string, value: string): boolean {
    if (!this.current.setValue(path, value)) throw new Error(`No parameter ${path}`);
    const { notification } = params.attributesOf(this.attributes, path);
    if (notification === 0) return false;
    this.events.valueChanged(path);
    return notification === 2;
  }
}
