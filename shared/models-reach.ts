// Whether DeskACS can wake a device, and if not why and what to change (getReachability).

/** One connection request sent to the device (this run of the ACS), newest first. */
export interface ReachAttempt {
  at: string;
  via: 'http' | 'udp';
  /**
   * reached; refused (connection refused); timeout; unreachable (no route, DNS, TLS, ...);
   * auth-rejected (credentials refused); auth-missing (none known); auth-other (a scheme DeskACS
   * does not speak, or a 401/403 without a challenge); http-error; bad-url; udp-no-session
   * (datagrams sent, no session followed).
   */
  result:
    | 'reached'
    | 'refused'
    | 'timeout'
    | 'unreachable'
    | 'auth-rejected'
    | 'auth-missing'
    | 'auth-other'
    | 'http-error'
    | 'bad-url'
    | 'udp-no-session';
  /** The authentication scheme the device asked for (HTTP 401), when it asked. */
  scheme: 'digest' | 'basic' | null;
  /** The HTTP status the device answered with, if it answered. */
  status: number | null;
  /** Where it went: the ConnectionRequestURL's host, or the UDP binding. */
  target: string;
  message: string;
}

export interface StunState {
  /** Whether DeskACS runs its STUN server, and on which UDP port. */
  serverPort: number | null;
  /** ManagementServer.STUNEnable as last read from the device (null: not known). */
  enabledOnDevice: boolean | null;
  /** DeskACS gave the device STUN credentials (enableStun). */
  credentialsSet: boolean;
  /** The public address:port of the device's last Binding Request, or null. */
  binding: string | null;
  /** Seconds since that request (null: never seen). */
  bindingAgeSeconds: number | null;
  /** That request carried a valid MESSAGE-INTEGRITY. */
  authenticated: boolean;
  /** ManagementServer.UDPConnectionRequestAddress as last read from the device. */
  deviceReportedAddress: string | null;
}

export interface Reachability {
  deviceId: string;
  connectionRequestUrl: string;
  /** The ConnectionRequestURL's host, or null without a usable URL. */
  connectionRequestHost: string | null;
  /** The address the device's last session came from. */
  informAddress: string | null;
  /**
   * The ConnectionRequestURL names another address than the one the device's sessions come
   * from (or a private one), or the device reports NATDetected: the device is behind NAT.
   */
  natDetected: boolean;
  /** Why natDetected is true, in words ('' when false). */
  natReason: string;
  /** Connection-request credentials are known for the device (its own or the defaults). */
  credentialsKnown: boolean;
  periodicInformIntervalSeconds: number | null;
  lastInform: string | null;
  stun: StunState;
  attempts: ReachAttempt[];
  /** reachable (the last request woke it), fixable (what to do below), unknown (nothing tried yet). */
  verdict: 'reachable' | 'behind-nat' | 'unreachable' | 'credentials' | 'unknown';
  /** What to do, in one or two plain sentences. */
  advice: string;
}

/** The local CA that signs DeskACS's TLS certificate, for CPEs that accept a custom CA (getCaCertificate). */
export interface CaCertificate {
  /** The CA certificate, PEM. */
  pem: string;
  subject: string;
  /** SHA-256 fingerprint, colon-separated hex (to compare with what a CPE shows). */
  fingerprint256: string;
  validTo: string;
  /** https://... of the CWMP TLS listener. */
  cwmpTlsUrl: string | null;
}

/**
 * CWMP over TLS as saved in Settings (GET/PUT /api/settings/tls), used when DeskACS starts; a
 * `serve --tls-port` on the command line takes precedence. What runs now is told beside it.
 */
export interface CwmpTlsSettings {
  /** The saved HTTPS port, or null: no TLS listener. */
  port: number | null;
  /** The operator's PEM certificate (chain included) and key; both null: the local CA signs one. */
  certPath: string | null;
  keyPath: string | null;
  /** The https:// ACS URL running now, or null. */
  runningUrl: string | null;
  /** Where the running TLS listener's settings came from; null when none runs. */
  source: 'settings' | 'command-line' | null;
  /** The saved settings differ from what runs: they apply when DeskACS next starts. */
  restartNeeded: boolean;
  /** Why the saved settings did not start at the last start (port taken, files unreadable), or null. */
  startError: string | null;
}
