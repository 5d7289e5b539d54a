// CSV fields (RFC 4180) for the exports of the app. Pure.

/**
 * One field: quoted when it holds a comma, quote, line break or edge spaces, quotes doubled.
 * A field a spreadsheet would run as a formula (=, +, -, @ first: a CPE chooses its own values)
 * is prefixed with an apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
