// Parsing a CPE's responses to every ACS request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CWMP_1_2, envelope, response } from '../helpers/codec-envelopes.ts';
import { parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { CpeResponse } from '../../electron/core/cwmp/messages.ts';

describe('CPE responses', () => {
  const cases: Array<[string, string, CpeResponse]> = [
    [
      'GetRPCMethodsResponse',
      '<c:GetRPCMethodsResponse><MethodList enc:arrayType="xsd:string[2]"><string>Inform</string><string>GetRPCMethods</string></MethodList></c:GetRPCMethodsResponse>',
      { name: 'GetRPCMethodsResponse', methods: ['Inform', 'GetRPCMethods'] },
    ],
    [
      'GetParameterNamesResponse',
      '<c:GetParameterNamesResponse><ParameterList enc:arrayType="c:ParameterInfoStruct[2]">' +
        '<ParameterInfoStruct><Name>Device.DeviceInfo.</Name><Writable>false</Writable></ParameterInfoStruct>' +
        '<ParameterInfoStruct><Name>Device.DeviceInfo.ProvisioningCode</Name><Writable>1</Writable></ParameterInfoStruct>' +
        '</ParameterList></c:GetParameterNamesResponse>',
      {
        name: 'GetParameterNamesResponse',
        parameterList: [
          { name: 'Device.DeviceInfo.', writable: false },
          { name: 'Device.DeviceInfo.ProvisioningCode', writable: true },
        ],
      },
    ],
    [
      'SetParameterValuesResponse',
      '<c:SetParameterValuesResponse><Status>1</Status></c:SetParameterValuesResponse>',
      { name: 'SetParameterValuesResponse', status: 1 },
    ],
    [
      'GetParameterAttributesResponse',
      '<c:GetParameterAttributesResponse><ParameterList enc:arrayType="c:ParameterAttributeStruct[1]"><ParameterAttributeStruct>' +
        '<Name>Device.DeviceInfo.SoftwareVersion</Name><Notification>2</Notification>' +
        '<AccessList enc:arrayType="xsd:string[1]"><string>Subscriber</string></AccessList>' +
        '</ParameterAttributeStruct></ParameterList></c:GetParameterAttributesResponse>',
      {
        name: 'GetParameterAttributesResponse',
        parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', notification: 2, accessList: ['Subscriber'] }],
      },
    ],
    ['SetParameterAttributesResponse', '<c:SetParameterAttributesResponse/>', { name: 'SetParameterAttributesResponse' }],
    [
      'AddObjectResponse',
      '<c:AddObjectResponse><InstanceNumber>12</InstanceNumber><Status>0</Status></c:AddObjectResponse>',
      { name: 'AddObjectResponse', instanceNumber: 12, status: 0 },
    ],
    [
      'DeleteObjectResponse',
      '<c:DeleteObjectResponse><Status>0</Status></c:DeleteObjectResponse>',
      { name: 'DeleteObjectResponse', status: 0 },
    ],
    ['RebootResponse', '<c:RebootResponse></c:RebootResponse>', { name: 'RebootResponse' }],
    ['FactoryResetResponse', '<c:FactoryResetResponse/>', { name: 'FactoryResetResponse' }],
    [
      'DownloadResponse',
      '<c:DownloadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime></c:DownloadResponse>',
      { name: 'DownloadResponse', status: 1, startTime: '0001-01-01T00:00:00Z', completeTime: '0001-01-01T00:00:00Z' },
    ],
    [
      'UploadResponse',
      '<c:UploadResponse><Status>0</Status><StartTime>2024-01-01T00:00:00Z</StartTime><CompleteTime>2024-01-01T00:00:03Z</CompleteTime></c:UploadResponse>',
      { name: 'UploadResponse', status: 0, startTime: '2024-01-01T00:00:00Z', completeTime: '2024-01-01T00:00:03Z' },
    ],
    ['ScheduleInformResponse', '<c:ScheduleInformResponse/>', { name: 'ScheduleInformResponse' }],
    ['ScheduleDownloadResponse', '<c:ScheduleDownloadResponse/>', { name: 'ScheduleDownloadResponse' }],
    ['CancelTransferResponse', '<c:CancelTransferResponse/>', { name: 'CancelTransferResponse' }],
    [
      'GetQueuedTransfersResponse',
      '<c:GetQueuedTransfersResponse><TransferList enc:arrayType="c:QueuedTransferStruct[1]"><QueuedTransferStruct>' +
        '<CommandKey>fw</CommandKey><State>2</State></QueuedTransferStruct></TransferList></c:GetQueuedTransfersResponse>',
      { name: 'GetQueuedTransfersResponse', transferList: [{ commandKey: 'fw', state: 2 }] },
    ],
    [
      'GetAllQueuedTransfersResponse',
      '<c:GetAllQueuedTransfersResponse><TransferList enc:arrayType="c:AllQueuedTransferStruct[1]"><AllQueuedTransferStruct>' +
        '<CommandKey>fw</CommandKey><State>1</State><IsDownload>true</IsDownload><FileType>1 Firmware Upgrade Image</FileType>' +
        '<FileSize>99</FileSize><TargetFileName>f.bin</TargetFileName></AllQueuedTransferStruct></TransferList></c:GetAllQueuedTransfersResponse>',
      {
        name: 'GetAllQueuedTransfersResponse',
        transferList: [
          { commandKey: 'fw', state: 1, isDownload: true, fileType: '1 Firmware Upgrade Image', fileSize: 99, targetFileName: 'f.bin' },
        ],
      },
    ],
    ['ChangeDUStateResponse', '<c:ChangeDUStateResponse/>', { name: 'ChangeDUStateResponse' }],
  ];
  for (const [label, rpc, expected] of cases) {
    test(`${label} is parsed`, () => {
      const env = parseEnvelope(envelope(rpc, { ns: CWMP_1_2, id: `id-${label}` }));
      assert.equal(env.id, `id-${label}`);
      assert.equal(env.version, '1.2');
      assert.deepEqual(response(env), expected);
      assert.deepEqual(env.warnings, []);
    });
  }
});
