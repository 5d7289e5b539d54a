// Small string-template helpers shared by the builders. Output uses the literal prefixes
// declared on the envelope: soap-env, soap-enc, xsd, xsi and cwmp.
import type { CwmpVersion } from '../messages.ts';
import { CwmpBuildError } from './errors.ts';
import { escapeAttr, escapeText } from './xml-escape.ts';

/** What a builder needs besides its message: the version and the method, for error messages. */
export interface BuildContext {
  readonly version: CwmpVersion;
  readonly method: string;
}

/** <Name>escaped text</Name> */
export function str(name: string, value: string): string {
  return `<${name}>${escapeText(value)}</${name}>`;
}

/** <Name>0|1</Name>: xsd:boolean as 0/1, which every CPE parser we know accepts. */
export function bool(name: string, value: boolean): string {
  return `<${name}>${value ? '1' : '0'}</${name}>`;
}

const UINT_MAX = 4294967295;

/** <Name>n</Name> for xsd:unsignedInt. */
export function uint(ctx: BuildContext, name: string, value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > UINT_MAX) {
    throw new CwmpBuildError(ctx.method, ctx.version, `${name} ${value} is not an unsignedInt`);
  }
  return `<${name}>${value}</${name}>`;
}

/** <Name>n</Name> for xsd:int. */
export function int(ctx: BuildContext, name: string, value: number): string {
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new CwmpBuildError(ctx.method, ctx.version, `${name} ${value} is not an int`);
  }
  return `<${name}>${value}</${name}>`;
}

/** A SOAP-encoded array of <string> items: <Name soap-enc:arrayType="xsd:string[n]">. */
export function stringArray(name: string, items: readonly string[]): string {
  let inner = '';
  for (const item of items) inner += `<string>${escapeText(item)}</string>`;
  return `<${name} soap-enc:arrayType="xsd:string[${items.length}]">${inner}</${name}>`;
}

/** A SOAP-encoded array of already-built struct elements of type cwmp:<structType>. */
export function structArray(name: string, structType: string, parts: readonly string[]): string {
  return `<${name} soap-enc:arrayType="cwmp:${structType}[${parts.length}]">${parts.join('')}</${name}>`;
}

/**
 * The xsi:type for a SetParameterValues value: the type as given, with `xsd:` added when it has
 * no prefix; 'xsd:string' when empty.
 */
export function xsiType(type: string): string {
  const t = type.trim();
  if (t === '') return 'xsd:string';
  return escapeAttr(t.includes(':') ? t : `xsd:${t}`);
}
