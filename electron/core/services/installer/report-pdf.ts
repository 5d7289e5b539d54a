// The provisioning report as a PDF (pdfkit, A4, the standard Helvetica fonts): the same model
// and sections as the HTML page, rows laid out as simple tables that break across pages.
// The standard fonts cover Latin-1 and Windows-1252 only: names in other scripts print as
// missing glyphs (the HTML report has no such limit).
import PDFDocument from 'pdfkit';
import { appliedSteps, deviceRows, handoverRows, type ReportModel, stateLabel, subscriberRows, verdict } from './report-model.ts';

type Doc = InstanceType<typeof PDFDocument>;

interface Cell {
  text: string;
  width: number;
  color?: string;
  bold?: boolean;
  mono?: boolean;
}

const MARGIN = 50;
const PAGE_WIDTH = 595.28;
const CONTENT = PAGE_WIDTH - 2 * MARGIN;
const STATE_COLORS: Record<string, string> = {
  done: '#2e7d32',
  ok: '#2e7d32',
  failed: '#c62828',
  pending: '#8a6d00',
  working: '#8a6d00',
  unsupported: '#666666',
};

class Writer {
  constructor(
    private readonly doc: Doc,
    private readonly scrub: (s: string) => string,
  ) {}

  private fontOf(c: Cell): string {
    return c.mono ? 'Courier' : c.bold ? 'Helvetica-Bold' : 'Helvetica';
  }

  private heightOf(cells: Cell[], size: number): number {
    return Math.max(
      ...cells.map((c) =>
        this.doc
          .font(this.fontOf(c))
          .fontSize(size)
          .heightOfString(this.scrub(c.text) || ' ', { width: c.width - 6 }),
      ),
    );
  }

  /** One table row; a new page first when it does not fit. */
  row(cells: Cell[], size = 9.5): void {
    const { doc } = this;
    const height = this.heightOf(cells, size) + 4;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    for (const c of cells) {
      doc
        .font(this.fontOf(c))
        .fontSize(size)
        .fillColor(c.color ?? '#1a1a1a')
        .text(this.scrub(c.text) || ' ', x, top + 2, { width: c.width - 6 });
      x += c.width;
    }
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + CONTENT, top + height)
      .lineWidth(0.5)
      .strokeColor('#dddddd')
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  }

  heading(text: string): void {
    const { doc } = this;
    if (doc.y + 60 > doc.page.height - MARGIN) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('#1a1a1a').text(text, MARGIN, doc.y, { width: CONTENT });
    doc.moveDown(0.3);
  }

  kv(rows: [string, string][]): void {
    for (const [k, v] of rows)
      this.row([
        { text: k, width: 150, color: '#444444' },
        { text: v, width: CONTENT - 150 },
      ]);
  }

  note(text: string): void {
    this.doc.font('Helvetica-Oblique').fontSize(9.5).fillColor('#666666').text(this.scrub(text), MARGIN, this.doc.y, { width: CONTENT });
  }
}

const stateCell = (state: string, width: number): Cell => ({
  text: stateLabel[state] ?? state,
  width,
  bold: true,
  color: STATE_COLORS[state] ?? '#1a1a1a',
});

function sections(w: Writer, m: ReportModel): void {
  const p = m.provisioning;
  w.heading('Device');
  w.kv(deviceRows(m));
  w.heading('Subscriber');
  w.kv(subscriberRows(m.subscriber));
  w.heading('Settings applied');
  if (p === null) w.note('No provisioning profile applies to this device.');
  else if (appliedSteps(p.steps).length === 0) w.note('No profile steps apply to this device.');
  else {
    w.row([
      { text: 'State', width: 70, bold: true },
      { text: 'Step', width: 160, bold: true },
      { text: 'Value', width: 110, bold: true },
      { text: 'Detail', width: CONTENT - 340, bold: true },
    ]);
    for (const s of appliedSteps(p.steps))
      w.row([
        stateCell(s.state, 70),
        { text: `${s.label} (${s.profile})`, width: 160 },
        { text: s.value ?? '—', width: 110 },
        { text: s.message ?? '', width: CONTENT - 340 },
      ]);
  }
  w.heading('Checks');
  if (p === null || p.checks.length === 0) w.note('No checks.');
  else for (const c of p.checks) w.row([stateCell(c.state, 70), { text: c.label, width: 170 }, { text: c.detail, width: CONTENT - 240 }]);
  w.heading('Settings on the device');
  if (m.settings.length === 0) w.note('No settings were read from the device yet.');
  else
    for (const s of m.settings)
      w.row(
        [
          { text: s.label, width: 150 },
          { text: s.value, width: 140 },
          { text: s.path, width: CONTENT - 290, mono: true },
        ],
        8.5,
      );
  const handover = handoverRows(m.handover);
  if (handover !== null) {
    w.heading('Handover');
    w.kv(handover);
  }
}

/** The report as PDF bytes. */
export function reportPdf(m: ReportModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Provisioning report ${m.device.serialNumber}`, Author: 'DeskACS', CreationDate: new Date(m.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = new Writer(doc, m.scrub);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#1a1a1a')
    .text(m.scrub(`Provisioning report — ${m.device.serialNumber}`));
  const profiles = m.provisioning?.profiles.map((x) => `${x.name} v${x.version}`).join(', ') || 'none';
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(m.scrub(`Generated ${m.generatedAt} (UTC) by DeskACS · profiles: ${profiles}`));
  doc.moveDown(0.5);
  const state = m.provisioning?.state ?? 'none';
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(STATE_COLORS[state] ?? '#1a1a1a')
    .text(verdict(m), { width: CONTENT });
  sections(w, m);
  doc.moveDown(1).font('Helvetica').fontSize(8.5).fillColor('#666666').text('Passwords and keys are masked (••••••).', MARGIN, doc.y);
  doc.end();
  return done;
}
