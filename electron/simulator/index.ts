// Public surface of the CPE simulator.

export { startSimulator, type SimulatorHandle, type SimulatorOptions } from './simulator.ts';
export { startFleet, summarise, type FleetHandle, type FleetOptions, type FleetSummary } from './fleet.ts';
export { SimulatedCpe, SUPPORTED_METHODS, type CpeAction, type CpeReply, type SimulatedCpeOptions } from './cpe.ts';
export { DeviceModel, loadCsvModel, modelToCsv, type ModelNode, type TemplateEntry } from './model.ts';
export { builtinModel, isBuiltinModelName, type BuiltinModelName } from './builtin-models.ts';
export { deviceIdentity, informParameters, setSerialNumber } from './identity.ts';
export { ConnectionRequestServer } from './connection-request.ts';
export { runCwmpSession, type SessionReport, type SessionClientOptions } from './session-client.ts';
export { readAcsMessage, type AcsEnvelope, type AcsInbound } from './soap-reader.ts';
export { writeCpeMessage } from './soap-writer.ts';
export { FIRMWARE_HEADER, firmwareFailures, firmwareVersionOf, type FirmwareFailure } from './device-files.ts';
