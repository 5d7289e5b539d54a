// The store keys devices by the CWMP device id; one implementation, in the protocol layer.
export { deviceIdOf, normaliseDeviceId } from '../cwmp/device-id.ts';
