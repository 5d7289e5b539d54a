// A live session's messages for the session inspector, in order: the CPE's bodies as received
// (decoded) and DeskACS's replies as sent. Capturing costs a reference to a string the listener
// holds anyway; masking secrets and cutting long messages are done only for a log that is kept
// (services/session-backend.ts decides), except for a long message, which is reduced at once so
// a session's buffer never holds more than a few cut copies.

/** One captured message, as the listener saw it. */
export interface CapturedMessage {
  direction: 'cpe' | 'acs';
  /** The RPC's name ('Inform', 'SetParameterValues', 'GetParameterValuesResponse', 'Fault'), or 'empty'. */
  rpc: string;
  /** Date.now() when it was received or sent. */
  at: number;
  /** The SOAP text: raw until reduced, then masked and cut. */
  text: string;
  reduced: boolean;
  truncated: boolean;
  /** An Inform whose events are all '2 PERIODIC'. */
  periodicInform: boolean;
}

/** Messages are cut at this many UTF-8 bytes (after masking). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MASK = '********';

export class MessageLog {
  private messages: CapturedMessage[] = [];

  get length(): number {
    return this.messages.length;
  }

  add(direction: 'cpe' | 'acs', rpc: string, text: string, periodicInform = false): void {
    const m: CapturedMessage = { direction, rpc, at: Date.now(), text, reduced: false, truncated: false, periodicInform };
    if (text.length > MAX_MESSAGE_BYTES / 4) reduceMessage(m);
    this.messages.push(m);
  }

  /** Everything captured so far; the log starts empty again. */
  take(): CapturedMessage[] {
    const out = this.messages;
    this.messages = [];
    return out;
  }

  /** Everything but the last message (an Inform that starts a new session on the same connection). */
  takeAllButLast(): CapturedMessage[] {
    const last = this.messages.pop();
    const out = this.take();
    if (last !== undefined) this.messages.push(last);
    return out;
  }
}

/** Characters past the cut that are masked too, so a secret straddling the cut is whole when masked. */
const MASK_MARGIN = 16 * 1024;

/**
 * Masks the message's secrets and cuts it at MAX_MESSAGE_BYTES (once). Only the part that is kept
 * (plus a margin) is masked: a refresh's 700 KB answer costs a 80 KB scan, not a 700 KB one.
 */
export function reduceMessage(m: CapturedMessage): CapturedMessage {
  if (m.reduced) return m;
  // A UTF-8 byte is at most one character: the kept text lies within the first MAX characters.
  const long = m.text.length > MAX_MESSAGE_BYTES + MASK_MARGIN;
  const head = long ? m.text.slice(0, MAX_MESSAGE_BYTES + MASK_MARGIN) : m.text;
  const cut = cutAtBytes(maskSecrets(head), MAX_MESSAGE_BYTES);
  m.text = long || cut.truncated ? maskOpenSecret(cut.text) : cut.text;
  m.truncated = long || cut.truncated;
  m.reduced = true;
  return m;
}

/** Parameter names whose values are secrets (TR-098/TR-181 passwords, Wi-Fi keys). */
const SECRET_NAME = /(Password|Passphrase|PreSharedKey|WEPKey)$/i;
const NAME_THEN_VALUE =
  /(<(?:[\w.-]+:)?Name\b[^>]*>\s*([^<]*?)\s*<\/(?:[\w.-]+:)?Name\s*>\s*<((?:[\w.-]+:)?Value)\b[^>]*?(?<!\/)>)((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)(<\/\3\s*>)/g;
/** <Password> of Download, Upload, ScheduleDownload ... (any prefix). */
const PASSWORD_ELEMENT =
  /(<((?:[\w.-]+:)?(?:Password|Passphrase|PreSharedKey|WEPKey))\b[^>]*?(?<!\/)>)((?:[^<]|<!\[CDATA\[[\s\S]*?\]\]>)*)(<\/\2\s*>)/gi;
const MAY_HOLD_SECRET = /Password|Passphrase|PreSharedKey|WEPKey/i;

/**
 * Replaces secrets with ******** : the Value of every ParameterValueStruct whose Name ends in
 * Password, Passphrase (KeyPassphrase), PreSharedKey or WEPKey, and the text of <Password>
 * elements (Download, Upload ...). Empty values stay empty (a CPE reads passwords back as '').
 */
export function maskSecrets(xml: string): string {
  if (!MAY_HOLD_SECRET.test(xml)) return xml;
  const masked = xml.replace(NAME_THEN_VALUE, (all, open: string, name: string, _tag: string, value: string, close: string) =>
    SECRET_NAME.test(name.trim()) && value.trim() !== '' ? `${open}${MASK}${close}` : all,
  );
  return masked.replace(PASSWORD_ELEMENT, (all, open: string, _tag: string, value: string, close: string) =>
    value.trim() !== '' ? `${open}${MASK}${close}` : all,
  );
}

const OPEN_SECRET_VALUE =
  /(<(?:[\w.-]+:)?Name\b[^>]*>\s*[^<]*?(?:Password|Passphrase|PreSharedKey|WEPKey)\s*<\/(?:[\w.-]+:)?Name\s*>\s*<(?:[\w.-]+:)?Value\b[^>]*?(?<!\/)>)[^<]+$/i;
const OPEN_PASSWORD_ELEMENT = /(<(?:[\w.-]+:)?(?:Password|Passphrase|PreSharedKey|WEPKey)\b[^>]*?(?<!\/)>)[^<]+$/i;

/** A cut text that ends inside a secret's value: that value masked too. */
function maskOpenSecret(text: string): string {
  return text.replace(OPEN_SECRET_VALUE, `$1${MASK}`).replace(OPEN_PASSWORD_ELEMENT, `$1${MASK}`);
}

/** The text cut to at most `max` UTF-8 bytes (on a character boundary). */
export function cutAtBytes(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max / 4 || Buffer.byteLength(text, 'utf8') <= max) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8').subarray(0, max);
  // A character cut in two decodes as U+FFFD at the end: drop it.
  return { text: bytes.toString('utf8').replace(/\uFFFD+$/, ''), truncated: true };
}
