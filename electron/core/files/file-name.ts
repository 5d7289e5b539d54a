// What a firmware file's name tells about it: the version it installs and, where the vendor's
// naming is distinctive, the manufacturer and product class. Pure. A guess the operator can
// correct (updateFile); anything not recognised is left empty rather than invented.

export interface NameFacts {
  version: string;
  manufacturer: string;
  productClass: string;
}

interface VendorPattern {
  manufacturer: string;
  /** Group 1: the version as the vendor writes it. */
  version: RegExp;
}

// Order matters: the most distinctive forms first; the generic dotted version last.
const VENDORS: VendorPattern[] = [
  // Huawei VRP-style versions: V5R020C10S115, V300R019C10SPC200.
  { manufacturer: 'Huawei', version: /(?:^|[^A-Za-z0-9])(V\d{1,3}R\d{3}C\d{2}(?:SPC\d{3}|S\d{3}|B\d{3})?(?:T\d+)?)(?=$|[^A-Za-z0-9])/ },
  // ZTE: V9.0.11P1N3, V6.0.10P2N12.
  { manufacturer: 'ZTE', version: /(?:^|[^A-Za-z0-9])(V\d+\.\d+\.\d+P\d+N\d+[A-Z]?)(?=$|[^A-Za-z0-9])/ },
  // MikroTik packages: routeros-7.15.2-arm.npk, routeros-arm64-7.16rc2.npk.
  { manufacturer: 'MikroTik', version: /^routeros-(?:[a-z0-9]+-)?(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-[a-z0-9]+)?\.npk$/i },
  // TP-Link: Archer_C6_V3_250319.bin (hardware version, then the build date YYMMDD).
  { manufacturer: 'TP-Link', version: /_(V\d+_\d{6})(?:_[A-Za-z0-9]+)*\.bin$/i },
];

const GENERIC_VERSION = /(?:^|[^A-Za-z0-9.])[vV]?(\d+\.\d+(?:\.\d+){0,3}(?:[-_.]?(?:rc|beta|build|b)\d+)?)(?=$|[^0-9])/;

/** The version, manufacturer and product class a file name suggests ('' for each it does not). */
export function factsFromName(fileName: string): NameFacts {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  for (const vendor of VENDORS) {
    const m = vendor.version.exec(name);
    const version = m?.[1];
    if (version === undefined) continue;
    return { version, manufacturer: vendor.manufacturer, productClass: productClassBefore(name, m?.index ?? 0, vendor.manufacturer) };
  }
  const stem = name.replace(/\.(bin|img|npk|tar|gz|zip|trx|chk|w|pkg|fw)$/i, '');
  const generic = GENERIC_VERSION.exec(stem)?.[1];
  return { version: generic ?? '', manufacturer: '', productClass: '' };
}

/** The model token before the version (HG8245H_V5R020C10S115.bin -> HG8245H), when it looks like one. */
function productClassBefore(name: string, versionAt: number, manufacturer: string): string {
  if (manufacturer === 'MikroTik') return '';
  const prefix = name.slice(0, versionAt);
  const tokens = prefix.split(/[_\-\s]+/).filter((t) => t !== '');
  if (manufacturer === 'TP-Link') {
    // Archer_C6 -> 'Archer C6' as TP-Link names its models.
    return tokens.join(' ');
  }
  const last = tokens[tokens.length - 1] ?? '';
  return /^[A-Z]{1,6}\d{2,5}[A-Z0-9]*$/i.test(last) ? last : '';
}
