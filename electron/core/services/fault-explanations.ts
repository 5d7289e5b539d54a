// Plain-language explanations of CWMP fault codes for the operator (TR-069 Amendment 6 Annex A,
// fault tables A.5/A.6; the code lists in cwmp-1-2.xsd CPEFaultCodeType / ACSFaultCodeType and
// cwmp-1-4.xsd, which adds 8006). Pure: no I/O, no store.
//
// Ranges (cwmp-1-2.xsd): 9000-9032 defined CPE faults, 9033-9799 reserved for future CPE faults,
// 9800-9899 CPE vendor faults, 8000-8006 ACS faults (8000-8799 reserved), 8800-8899 ACS vendor.

export type FaultCategory = 'cpe' | 'acs' | 'vendor' | 'transfer' | 'unknown';

export interface FaultExplanation {
  code: number;
  /** The fault's name as TR-069 gives it (or a generic one for reserved/unknown codes). */
  title: string;
  /** What happened, for a WISP operator rather than a protocol engineer. */
  explanation: string;
  /** One concrete thing to do about it. */
  suggestedFix: string;
  /** True when the same request is worth retrying later, with backoff (see TRANSIENT). */
  transient: boolean;
  category: FaultCategory;
}

interface Entry {
  title: string;
  explanation: string;
  suggestedFix: string;
  category: FaultCategory;
}

/**
 * Faults worth retrying unchanged with backoff. The test is "could the identical request succeed
 * later without anyone changing anything?":
 * - 9002 Internal error, 9004 Resources exceeded: the CPE failed for its own reasons (TR-069 sends
 *   these with SOAP faultcode "Server", i.e. not the request's fault). Typical causes are a busy
 *   CPE (boot still in progress, another RPC or a Wi-Fi restart running) or low memory.
 * - 9010 File transfer failure, 9011 Upload failure: generic "it didn't work"; most real-world
 *   causes on radio links are a dropped connection. A bounded retry is cheap, and the suggested
 *   fix says to check the URL when it repeats.
 * - 9015 Unable to contact file server, 9017 Unable to complete download: the server or the path
 *   to it was unreachable or the transfer was cut off (link flap, server restart, DNS hiccup).
 * - 8002, 8004, 8005: the ACS-side mirrors of the above; 8005 literally means "retry request".
 * Deliberately NOT transient: 9016 (file missing or forbidden: the URL or the file must be
 * fixed), 9012 (wrong credentials), 9013/9014 (configuration), 9018/9019 (a bad or wrong image
 * stays bad), 9020 (the time windows must change), 9027 (DU storage exhaustion rarely clears by
 * itself), 9001 (a denial is a decision, not a glitch), and every argument/name/type/value fault,
 * which fails identically on every retry. Vendor and unknown codes are not retried: we cannot
 * know, and a wrong retry loop against a device is worse than one failed task.
 */
const TRANSIENT: ReadonlySet<number> = new Set([9002, 9004, 9010, 9011, 9015, 9017, 8002, 8004, 8005]);

const REFRESH = "Refresh the device's parameter tree";

const CPE_FAULTS: Readonly<Record<number, Entry>> = {
  9000: {
    title: 'Method not supported',
    explanation: 'The device does not implement this kind of request (RPC).',
    suggestedFix:
      'Use a different operation: check the RPC methods the device lists (GetRPCMethods). Optional RPCs such as ScheduleDownload, ChangeDUState or Upload are often missing on CPEs.',
    category: 'cpe',
  },
  9001: {
    title: 'Request denied',
    explanation: 'The device refused the request without giving a reason.',
    suggestedFix:
      'Check whether the device is locked by its ISP profile or busy with another operation (a firmware upgrade, a reboot). If it was busy, try again after it finishes; otherwise check the vendor documentation for what this model allows over TR-069.',
    category: 'cpe',
  },
  9002: {
    title: 'Internal error',
    explanation: 'The device failed while processing the request. This is a problem inside the device, not in what was asked.',
    suggestedFix:
      'Retry later; devices often report this while still booting or while applying other changes. If it persists, reboot the device or ask for fewer parameters per request.',
    category: 'cpe',
  },
  9003: {
    title: 'Invalid arguments',
    explanation: 'The device did not accept the arguments of the request (a missing, empty or malformed argument).',
    suggestedFix:
      'Check the request: parameter names must be complete, object paths must end with a dot, and numbers must be in range. Some devices also report a bad value this way instead of 9007.',
    category: 'cpe',
  },
  9004: {
    title: 'Resources exceeded',
    explanation: 'The device ran out of memory or some other resource while handling the request.',
    suggestedFix:
      'Retry later. If the request asked for many parameters or a whole subtree, ask for fewer at a time (lower the batch size in the quirk settings for this model).',
    category: 'cpe',
  },
  9005: {
    title: 'Invalid parameter name',
    explanation: 'The device does not have this parameter or object.',
    suggestedFix: `${REFRESH}; the path may differ on this model or firmware, or an object instance (the number in the path) may no longer exist.`,
    category: 'cpe',
  },
  9006: {
    title: 'Invalid parameter type',
    explanation: 'The value was sent with a type (e.g. xsd:string) that the device does not accept for this parameter.',
    suggestedFix: `${REFRESH} to learn the type the device reports for this parameter, then set the value again with that type.`,
    category: 'cpe',
  },
  9007: {
    title: 'Invalid parameter value',
    explanation: 'The device rejected the value: out of range, not one of the allowed choices, or in a form it does not parse.',
    suggestedFix:
      'Check the allowed range or choices for this parameter on this model. For true/false settings, some devices only accept 1/0 (or only true/false): change the boolean form in the quirk settings for this model.',
    category: 'cpe',
  },
  9008: {
    title: 'Attempt to set a non-writable parameter',
    explanation: 'This parameter is read-only on this device.',
    suggestedFix: `${REFRESH} to see which parameters are writable; the setting may be changeable through a different parameter, or only locally.`,
    category: 'cpe',
  },
  9009: {
    title: 'Notification request rejected',
    explanation: 'The device refused to change notification (change reporting) for this parameter.',
    suggestedFix:
      'Use passive notification instead of active, or leave this parameter off: devices may refuse active notification on counters and other fast-changing values.',
    category: 'cpe',
  },
  9010: {
    title: 'File transfer failure',
    explanation: 'The file transfer failed; the device gave no more specific reason.',
    suggestedFix:
      'Retry later. If it keeps failing, check that the device can reach the file URL (try it from a host in the same network) and that the file is the right one for this model.',
    category: 'transfer',
  },
  9011: {
    title: 'Upload failure',
    explanation: 'The device could not upload the file (configuration or log) to the given URL.',
    suggestedFix:
      'Retry later. If it keeps failing, check that the upload URL accepts HTTP PUT/POST from the device and that the credentials are right.',
    category: 'transfer',
  },
  9012: {
    title: 'File transfer server authentication failure',
    explanation: 'The file server refused the username or password the device presented.',
    suggestedFix: 'Check the username and password given with the transfer against the file server.',
    category: 'transfer',
  },
  9013: {
    title: 'Unsupported protocol for file transfer',
    explanation: 'The device cannot use the protocol of the file URL (e.g. https or ftp).',
    suggestedFix: 'Serve the file over plain http, which every CPE supports, or over a protocol this model lists as supported.',
    category: 'transfer',
  },
  9014: {
    title: 'File transfer failure: unable to join multicast group',
    explanation: 'The device could not join the multicast group given for the download.',
    suggestedFix: 'Use a unicast http URL instead, or check that multicast is routed to this device.',
    category: 'transfer',
  },
  9015: {
    title: 'File transfer failure: unable to contact file server',
    explanation: 'The device could not connect to the file server (name lookup or connection failed).',
    suggestedFix:
      'Retry later. Check that the URL host resolves and is reachable from the device (not only from your PC: a LAN address or localhost will not work), and that the file server is running.',
    category: 'transfer',
  },
  9016: {
    title: 'File transfer failure: unable to access file',
    explanation: 'The device reached the file server, but the file was not there or access was refused.',
    suggestedFix: 'Check the URL path and file name (they are case-sensitive) and that the server lets the device read the file.',
    category: 'transfer',
  },
  9017: {
    title: 'File transfer failure: unable to complete download',
    explanation: 'The download started but did not finish (connection dropped, or the device ran out of space).',
    suggestedFix:
      'Retry later, ideally when the link is quiet. If it keeps failing, check the file size against the free flash/memory on the device.',
    category: 'transfer',
  },
  9018: {
    title: 'File transfer failure: file corrupted',
    explanation: 'The device downloaded the file but found it damaged or not usable as the given file type.',
    suggestedFix:
      'Check that the file is the exact firmware or configuration for this model and hardware version, and that it was uploaded to the file server completely (compare size and checksum).',
    category: 'transfer',
  },
  9019: {
    title: 'File transfer failure: file authentication failure',
    explanation: "The file's signature or checksum did not verify: the device does not trust this image.",
    suggestedFix: "Use the vendor's official signed image for this exact model and region; re-download it if in doubt.",
    category: 'transfer',
  },
  9020: {
    title: 'File transfer failure: unable to complete download within specified time windows',
    explanation: 'The scheduled download could not be completed inside the time windows that were given.',
    suggestedFix: 'Schedule the download again with wider time windows, or use a plain Download.',
    category: 'transfer',
  },
  9021: {
    title: 'Cancelation of file transfer not permitted in current transfer state',
    explanation: 'The transfer is already too far along (e.g. being installed) to be cancelled.',
    suggestedFix: 'Wait for the transfer to finish; check the result in the device history afterwards.',
    category: 'transfer',
  },
  9022: {
    title: 'Invalid UUID format',
    explanation: 'The deployment unit UUID given in the software-module request is not a valid UUID.',
    suggestedFix: 'Use the UUID exactly as the device reports it under SoftwareModules.DeploymentUnit.',
    category: 'cpe',
  },
  9023: {
    title: 'Unknown execution environment',
    explanation: 'The execution environment named in the software-module request does not exist on the device.',
    suggestedFix: `${REFRESH} and pick an execution environment from SoftwareModules.ExecEnv.`,
    category: 'cpe',
  },
  9024: {
    title: 'Disabled execution environment',
    explanation: 'The execution environment for the software module exists but is disabled.',
    suggestedFix: 'Enable the execution environment (SoftwareModules.ExecEnv.{i}.Enable) first, then retry.',
    category: 'cpe',
  },
  9025: {
    title: 'Deployment unit to execution environment mismatch',
    explanation: 'The software module does not fit the chosen execution environment (wrong package type or architecture).',
    suggestedFix: 'Choose a matching execution environment, or build the package for this one.',
    category: 'cpe',
  },
  9026: {
    title: 'Duplicate deployment unit',
    explanation: 'This software module is already installed.',
    suggestedFix: 'Use an update instead of an install, or uninstall the existing module first.',
    category: 'cpe',
  },
  9027: {
    title: 'System resources exceeded',
    explanation: 'The device does not have the storage or memory to install or run this software module.',
    suggestedFix: 'Free space by uninstalling unused modules, or use a smaller package.',
    category: 'cpe',
  },
  9028: {
    title: 'Unknown deployment unit',
    explanation: 'The software module named in the request is not installed on the device.',
    suggestedFix: `${REFRESH} and use a module listed under SoftwareModules.DeploymentUnit.`,
    category: 'cpe',
  },
  9029: {
    title: 'Invalid deployment unit state',
    explanation: 'The software module is in a state that does not allow this operation (e.g. still installing).',
    suggestedFix: 'Wait until the module has finished its current operation, then retry.',
    category: 'cpe',
  },
  9030: {
    title: 'Invalid deployment unit update: downgrade not permitted',
    explanation: 'The update would install an older version than the one installed, and the device does not allow downgrades.',
    suggestedFix: 'Use a newer version, or uninstall the module and install the older version fresh.',
    category: 'cpe',
  },
  9031: {
    title: 'Invalid deployment unit update: version not specified',
    explanation: 'Several versions of the module are installed and the update did not say which one to replace.',
    suggestedFix: 'Give the version to update in the request.',
    category: 'cpe',
  },
  9032: {
    title: 'Invalid deployment unit update: version already exists',
    explanation: 'The version the update would install is already installed.',
    suggestedFix: 'Nothing to do if that version is wanted; otherwise use a different package version.',
    category: 'cpe',
  },
};

const ACS_FAULTS: Readonly<Record<number, Entry>> = {
  8000: {
    title: 'Method not supported',
    explanation: 'The ACS told the device it does not support a request the device made.',
    suggestedFix: 'Usually harmless: the device will carry on without it. Note the method in the device history if it repeats.',
    category: 'acs',
  },
  8001: {
    title: 'Request denied',
    explanation: 'The ACS refused a request the device made.',
    suggestedFix: 'Check the device history for what the device asked for.',
    category: 'acs',
  },
  8002: {
    title: 'Internal error',
    explanation: 'The ACS failed while handling a request from the device.',
    suggestedFix: 'The device will retry on its own; check the DeskACS log for the error.',
    category: 'acs',
  },
  8003: {
    title: 'Invalid arguments',
    explanation: 'The ACS could not use the arguments of a request the device made.',
    suggestedFix: 'Check the device history for the malformed message; a firmware update may fix the device side.',
    category: 'acs',
  },
  8004: {
    title: 'Resources exceeded',
    explanation: 'The ACS was out of resources while handling a request from the device.',
    suggestedFix: 'The device will retry on its own; check the load on the DeskACS host.',
    category: 'acs',
  },
  8005: {
    title: 'Retry request',
    explanation: 'The ACS asked the device to send its request again later.',
    suggestedFix: 'Nothing to do: the device retries by itself.',
    category: 'acs',
  },
  8006: {
    title: 'ACS version incompatible with CPE',
    explanation: 'The ACS and the device could not agree on a CWMP protocol version.',
    suggestedFix: 'Update the device firmware, or check which CWMP version the device announced in its sessions.',
    category: 'acs',
  },
  // DeskACS's own findings, in the ACS vendor range (8800-8899).
  8801: {
    title: 'Firmware not installed',
    explanation:
      'The device downloaded the firmware and reported the transfer complete, but after its reboot it still reports a different software version: the image was rejected or the device fell back to its previous firmware.',
    suggestedFix:
      "Check that the file is meant for this model and hardware version, then try again; if it repeats, look at the device's own logs (many keep the old image when the new one fails its checks).",
    category: 'acs',
  },
};

const MAX_CPE_TEXT = 256; // FaultString maxLength in the cwmp XSDs

/** The device's own fault text, made safe to show: one line, trimmed, at most 256 characters. */
function cleanCpeText(cpeText: string | undefined): string {
  if (cpeText === undefined) return '';
  const oneLine = cpeText
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > MAX_CPE_TEXT ? `${oneLine.slice(0, MAX_CPE_TEXT - 1)}…` : oneLine;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return norm(a) === norm(b);
}

/** True for faults worth retrying unchanged with backoff (see TRANSIENT for the reasoning). */
export function isTransientFault(code: number): boolean {
  return TRANSIENT.has(code);
}

function fallback(code: number): Entry {
  if (code >= 9800 && code <= 9899) {
    return {
      title: 'Vendor-specific fault',
      explanation: 'A vendor-specific fault; TR-069 does not define its meaning.',
      suggestedFix: "Look the code up in the vendor's TR-069 documentation for this model; the device's own text is the best clue.",
      category: 'vendor',
    };
  }
  if (code >= 9033 && code <= 9799) {
    return {
      title: 'Unrecognised CPE fault',
      explanation: 'A CPE fault code reserved for newer versions of TR-069, which this ACS does not know.',
      suggestedFix: "Read the device's own fault text; check the device's TR-069 documentation for the code.",
      category: 'cpe',
    };
  }
  if (code >= 8800 && code <= 8899) {
    return {
      title: 'ACS vendor-specific fault',
      explanation: 'A vendor-specific ACS fault code.',
      suggestedFix: 'Check the device history for the message that carried it.',
      category: 'acs',
    };
  }
  if (code >= 8000 && code <= 8799) {
    return {
      title: 'Unrecognised ACS fault',
      explanation: 'An ACS fault code reserved for newer versions of TR-069.',
      suggestedFix: 'Check the device history for the message that carried it.',
      category: 'acs',
    };
  }
  return {
    title: 'Unknown fault',
    explanation: 'A fault code outside the ranges TR-069 defines.',
    suggestedFix: "Read the device's own fault text, and check the device history for the request that failed.",
    category: 'unknown',
  };
}

/**
 * Explains a fault code in plain language. `cpeText` is the FaultString the device sent: for
 * vendor codes it is the only meaning there is, so it goes into the explanation; for known codes
 * it is appended when it says more than the standard title.
 */
export function explainFault(code: number, cpeText?: string): FaultExplanation {
  const known = Number.isInteger(code) ? (CPE_FAULTS[code] ?? ACS_FAULTS[code]) : undefined;
  const entry = known ?? fallback(code);
  const text = cleanCpeText(cpeText);
  let explanation = entry.explanation;
  if (entry.category === 'vendor') {
    explanation =
      text === ''
        ? 'Vendor-specific fault; the device sent no text to say what it means.'
        : `Vendor-specific fault; the CPE's own text says: "${text}".`;
  } else if (text !== '' && !sameText(text, entry.title)) {
    explanation = `${explanation} The device said: "${text}".`;
  }
  return {
    code,
    title: entry.title,
    explanation,
    suggestedFix: entry.suggestedFix,
    transient: isTransientFault(code),
    category: entry.category,
  };
}
