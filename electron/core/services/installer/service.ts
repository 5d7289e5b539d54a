// The installer mode's core: the devices waiting for a router to be set up, the handover to the
// production ACS, and the printable provisioning report (HTML through the contract, PDF through
// the API server's raw route GET /api/devices/:id/provisioning/report.pdf).
import type { ApiArgs } from '../../../../shared/contract.ts';
import type { CreateTaskResult } from '../../../../shared/models.ts';
import type { ProvisioningReport, WaitingDevice } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { SubscriberService } from '../subscribers/service.ts';
import type { TaskService } from '../tasks/service.ts';
import { handoverDevice } from './handover.ts';
import { reportHtml } from './report-html.ts';
import { reportModel, type ProvisioningSource } from './report-model.ts';
import { reportPdf } from './report-pdf.ts';
import { listWaitingDevices } from './waiting.ts';

export interface InstallerServiceDeps {
  store: Store;
  tasks: TaskService;
  subscribers: SubscriberService;
  /** The profile engine's checklist of a device (getProvisioning), or null without one. */
  provisioning: ProvisioningSource;
  now: () => Date;
}

export interface InstallerService {
  waiting(args: ApiArgs<'listWaitingDevices'>): WaitingDevice[];
  handover(args: ApiArgs<'handoverDevice'>): Promise<CreateTaskResult>;
  /** The HTML report; with `pdf`, the PDF too (base64). */
  report(deviceId: string, pdf?: boolean): Promise<ProvisioningReport>;
  /** The report as PDF bytes. */
  reportPdf(deviceId: string): Promise<Buffer>;
}

export function createInstallerService(deps: InstallerServiceDeps): InstallerService {
  const { store, tasks, subscribers, provisioning, now } = deps;
  return {
    waiting: (args) => listWaitingDevices(store, subscribers, args, now()),
    handover: (args) => handoverDevice(store, tasks, args),
    report: async (deviceId, pdf = false) => {
      const model = await reportModel(store, deviceId, provisioning, now());
      const report: ProvisioningReport = { deviceId, html: reportHtml(model), generatedAt: model.generatedAt };
      if (pdf) report.pdfBase64 = (await reportPdf(model)).toString('base64');
      return report;
    },
    reportPdf: async (deviceId) => reportPdf(await reportModel(store, deviceId, provisioning, now())),
  };
}
