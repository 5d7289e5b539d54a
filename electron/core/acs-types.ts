// Types of the composition root (acs.ts): what the Electron main process and the headless
// server receive from createAcs().
import type { AccessLogSink } from './cwmp/access-log.ts';
import type { AcsApi, AcsEvents } from '../../shared/contract.ts';
import type { CpeAuthConfig } from './cwmp/auth/index.ts';

export interface AcsConfig {
  /** Folder for the SQLite store, the API token and logs. */
  dataDir: string;
  cwmpHost: string;
  /** 0 picks a free port (tests). */
  cwmpPort: number;
  /** The JSON API (and the web UI in browser mode) listens here; null disables it (Electron). */
  httpHost: string;
  httpPort: number | null;
  /** Folder of the built renderer, served by the HTTP API in browser mode; null to skip. */
  webRoot: string | null;
  sessionTimeoutMs: number;
  maxConcurrentSessions: number;
  /**
   * Fair admission (cwmp/listener-types.ts): the live sessions one source address may hold
   * (default max(16, half the slots); CPEs behind one NAT share an address) and how long a
   * session may idle after its InformResponse (default min(10 s, sessionTimeoutMs)).
   */
  admission?: { maxSessionsPerAddress?: number; informIdleTimeoutMs?: number };
  /**
   * Start-up repairs (serve --restore-db, --recover-db): put a backup file in place of the
   * database first; recover a damaged database into a new one instead of refusing to start.
   */
  database?: { restoreFrom?: string; recover?: boolean };
  /** Overrides of the stored CPE authentication settings (serve's --cpe-auth flags); saved. */
  cpeAuth?: Partial<CpeAuthConfig>;
  /**
   * Keep the session inspector's messages of plain periodic sessions too (an Inform with only
   * '2 PERIODIC' and nothing else exchanged). Off by default: each would cost a store write of
   * ~4 KB on the fleet-rate path (docs/performance.md). Every other session's messages are kept.
   */
  logPeriodicSessions?: boolean;
  /** Scheduled database backups (tests): from start to the first one when none exists yet (default 10 min). */
  databaseBackups?: { firstDelayMs?: number };
  /** Scheduling of history pruning (tests and benchmarks); defaults: first pass after 2 min, then hourly. */
  historyPruning?: { firstDelayMs?: number | null; intervalMs?: number };
  /**
   * Firmware transfers and rollouts (tests shorten these): how long a Download the CPE accepted
   * waits for its TransferComplete (default 1 h), how often waiting tasks are checked for their
   * deadline (default 30 s), and the rollout scheduler's pass interval (default 5 s).
   */
  transfers?: { timeoutMs?: number; expiryCheckMs?: number; rolloutTickMs?: number };
  /**
   * Diagnostics run by devices (tests shorten these): how long a run may take on the device
   * (default 5 min), how often overdue runs are failed (5 s), and the TR-143 speed tests' sizes
   * (default 10 MB served for a download, 5 MB asked of an upload).
   */
  diagnostics?: { timeoutMs?: number; checkMs?: number; downloadBytes?: number; uploadBytes?: number };
  /**
   * Health metrics and alerts (services/metrics/monitoring.ts): the clock they use (tests compress
   * time), the fleet-sample and downsampling periods, timers off, notification retry delays.
   */
  monitoring?: import('./services/metrics/monitoring.ts').MonitoringConfig;
  /** Scheduled configuration backups: from start to the first pass (default 5 min; null: none), then every intervalMs (1 h). */
  backups?: { firstDelayMs?: number | null; intervalMs?: number };
  /**
   * The built-in STUN server for devices behind NAT (TR-069 Annex G): UDP port (3478 in serve
   * and the desktop app; 0 picks a free one) and address (default cwmpHost); absent: no STUN
   * server and no UDP connection requests. udpTimeoutMs: how long a UDP connection request is
   * repeated without the device's session starting (default 10 s).
   */
  stun?: { port: number; host?: string; udpTimeoutMs?: number };
  /**
   * CWMP over TLS beside plain HTTP: port (0 picks a free one) and address (default cwmpHost);
   * the operator's certificate and key as PEM files (both, or neither: then a local CA in
   * <data>/tls/ signs one for this machine). The files are watched every watchIntervalMs
   * (default 2 s) and a changed pair is used without a restart. Absent: no TLS.
   */
  tls?: { port: number; host?: string; certPath?: string; keyPath?: string; watchIntervalMs?: number };
  log: Logger;
  /** One entry per HTTP request on the CWMP listener (logs.ts writes them to cwmp-access.log). */
  accessLog?: AccessLogSink;
  /** better-sqlite3's addon built for Electron's ABI (unpackaged Electron only; see store/db.ts). */
  nativeBinding?: string | undefined;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type EventListener<K extends keyof AcsEvents> = (payload: AcsEvents[K]) => void;

export interface AcsEventBus {
  on<K extends keyof AcsEvents>(name: K, listener: EventListener<K>): () => void;
}

export interface AcsInfo {
  cwmpUrl: string;
  /** What a CPE must be configured with: the URLs it can reach the ACS at, and credentials. */
  cpeAuth: CpeAuthConfig;
  apiUrl: string | null;
  /** The STUN server's UDP port, or null when it is off. */
  stunPort: number | null;
  /** https://... of the CWMP TLS listener, or null without TLS. */
  cwmpTlsUrl: string | null;
  apiToken: string;
  dataDir: string;
}

export interface Acs {
  api: AcsApi;
  events: AcsEventBus;
  info: AcsInfo;
  close(): Promise<void>;
}
