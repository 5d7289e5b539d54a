// The provisioning report leaves the app two ways, both through the contract call
// getProvisioningReport (IPC in the desktop app, HTTP in the browser): the printable HTML as a
// Blob URL in a new tab (saved as an .html file where windows are refused, as in the desktop
// app), and the PDF from its base64 (format 'pdf') saved as a file. The raw .pdf HTTP route is
// for API users; the desktop app has no HTTP API to fetch it from.

/** Saves bytes under a name through the browser's download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A report's file name: provisioning-<serial>-<YYYY-MM-DD>.<ext>. */
export function reportName(serial: string, at: Date, ext: 'html' | 'pdf'): string {
  const safe = serial.replace(/[^A-Za-z0-9._-]+/g, '_') || 'device';
  return `provisioning-${safe}-${at.toISOString().slice(0, 10)}.${ext}`;
}

/** Opens the report's HTML in a new window; false when the window was refused (it was saved instead). */
export function openHtml(html: string, name: string): boolean {
  const blob = new Blob([html], { type: 'text/html;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const win = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (win !== null) return true;
  saveBlob(blob, name);
  return false;
}

/** The PDF the core sent as base64 (getProvisioningReport with format 'pdf'), as a file's bytes. */
export function pdfBlob(base64: string): Blob {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return new Blob([bytes], { type: 'application/pdf' });
}
