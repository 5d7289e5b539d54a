// The Inform events a CPE has not yet delivered (TR-069 3.7.1.5): kept across failed sessions,
// removed only once an InformResponse has acknowledged them. Single events ('1 BOOT',
// '2 PERIODIC', ...) appear at most once; 'M ...' events once per CommandKey.

import type { EventStruct } from '../core/cwmp/messages.ts';

function sameEvent(a: EventStruct, b: EventStruct): boolean {
  return a.code === b.code && (!a.code.startsWith('M ') || a.commandKey === b.commandKey);
}

export class EventQueue {
  private pending: EventStruct[] = [];
  private changed = new Set<string>();
  private sent: EventStruct[] = [];
  private sentChanged: string[] = [];

  /** Events of a power-on: '0 BOOTSTRAP' on first contact with the ACS, then '1 BOOT'. */
  powerOn(bootstrap: boolean): void {
    if (bootstrap) this.add('0 BOOTSTRAP');
    this.add('1 BOOT');
  }

  add(code: string, commandKey = ''): void {
    const event = { code, commandKey };
    if (!this.pending.some((e) => sameEvent(e, event))) this.pending.push(event);
  }

  /** A parameter with notification on changed: '4 VALUE CHANGE' and the parameter in the Inform. */
  valueChanged(path: string): void {
    this.changed.add(path);
    this.add('4 VALUE CHANGE');
  }

  list(): EventStruct[] {
    return this.pending.map((e) => ({ ...e }));
  }

  isEmpty(): boolean {
    return this.pending.length === 0;
  }

  changedParameters(): string[] {
    return [...this.changed];
  }

  /** Snapshot for the Inform being sent; acknowledge it with accepted(). */
  forInform(): EventStruct[] {
    this.sent = [...this.pending];
    this.sentChanged = [...this.changed];
    return this.list();
  }

  /** The ACS answered the Inform: the events it carried are delivered. */
  accepted(): void {
    this.pending = this.pending.filter((e) => !this.sent.includes(e));
    for (const path of this.sentChanged) this.changed.delete(path);
    this.sent = [];
    this.sentChanged = [];
  }

  clear(): void {
    this.pending = [];
    this.changed.clear();
    this.sent = [];
    this.sentChanged = [];
  }
}
