// Hand-written CPE messages for listener tests: small, explicit, and varied in the ways real
// CPEs vary (prefixes, header or none, namespace version).

export interface InformOptions {
  serial: string;
  oui?: string;
  productClass?: string;
  events?: string[];
  id?: string | null;
  ns?: string;
  envPrefix?: string;
  extraParams?: Array<[string, string]>;
}

export function informXml(o: InformOptions): string {
  const env = o.envPrefix ?? 'soapenv';
  const ns = o.ns ?? 'urn:dslforum-org:cwmp-1-0';
  const events = (o.events ?? ['2 PERIODIC'])
    .map((code) => `<EventStruct><EventCode>${code}</EventCode><CommandKey></CommandKey></EventStruct>`)
    .join('');
  const params: Array<[string, string]> = [
    ['InternetGatewayDevice.DeviceInfo.SoftwareVersion', 'V1.2.3'],
    ['InternetGatewayDevice.DeviceInfo.HardwareVersion', 'HW1'],
    ['InternetGatewayDevice.ManagementServer.ConnectionRequestURL', 'http://127.0.0.1:9/cr'],
    ['InternetGatewayDevice.ManagementServer.ParameterKey', ''],
    ...(o.extraParams ?? []),
  ];
  const list = params
    .map(([n, v]) => `<ParameterValueStruct><Name>${n}</Name><Value xsi:type="xsd:string">${v}</Value></ParameterValueStruct>`)
    .join('');
  const header = o.id === null ? '' : `<${env}:Header><cwmp:ID ${env}:mustUnderstand="1">${o.id ?? 'cpe-1'}</cwmp:ID></${env}:Header>`;
  return (
    `<${env}:Envelope xmlns:${env}="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="${ns}">` +
    `${header}<${env}:Body><cwmp:Inform>` +
    `<DeviceId><Manufacturer>Acme</Manufacturer><OUI>${o.oui ?? '00AA11'}</OUI><ProductClass>${o.productClass ?? 'HG1'}</ProductClass><SerialNumber>${o.serial}</SerialNumber></DeviceId>` +
    `<Event soapenc:arrayType="cwmp:EventStruct[${(o.events ?? ['x']).length}]">${events}</Event>` +
    `<MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-11-21T10:00:00Z</CurrentTime><RetryCount>0</RetryCount>` +
    `<ParameterList soapenc:arrayType="cwmp:ParameterValueStruct[${params.length}]">${list}</ParameterList>` +
    `</cwmp:Inform></${env}:Body></${env}:Envelope>`
  );
}

export function rpcXml(body: string, id = 'cpe-2', ns = 'urn:dslforum-org:cwmp-1-0'): string {
  return (
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:cwmp="${ns}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/">` +
    `<s:Header><cwmp:ID s:mustUnderstand="1">${id}</cwmp:ID></s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

/** The cwmp:ID of an ACS envelope, and the local name of its body element. */
export function peek(xml: string): { id: string | null; method: string | null } {
  const id = /<cwmp:ID[^>]*>([^<]*)<\/cwmp:ID>/.exec(xml)?.[1] ?? null;
  const method = /<(?:[A-Za-z_-]+:)?Body>\s*<(?:[A-Za-z_-]+:)?([A-Za-z]+)/.exec(xml)?.[1] ?? null;
  return { id, method };
}
