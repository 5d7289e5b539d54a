// Opening the SQLite file and setting the pragmas every connection needs.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from './errors.ts';

export type Db = Database.Database;

export type StoreTarget = ({ path: string } | { memory: true }) & {
  /**
   * better-sqlite3's addon to load instead of node_modules' build: the unpackaged Electron app
   * passes one built for Electron's ABI (scripts/electron-native.mjs). Absent: node_modules'.
   */
  nativeBinding?: string | undefined;
};

const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database and applies the connection pragmas.
 *
 * Durability: WAL with synchronous=FULL. The invariant is "an Inform is committed before its
 * InformResponse is sent": once the CPE gets the InformResponse it forgets the events it
 * delivered (TR-069 3.7.1.5: a CPE retries an Inform only until it is answered), so a lost
 * commit loses e.g. a "7 TRANSFER COMPLETE" or "0 BOOTSTRAP" for good. WAL + NORMAL already
 * survives the process being killed (SIGKILL): a commit is in the WAL file, i.e. in the OS page
 * cache, before it returns. It does not survive an OS crash or power loss, which on a desktop PC
 * (closed lid, pulled plug) is an everyday event. FULL adds one fsync of the WAL per commit;
 * an Inform is one transaction, so it costs ~0.2-0.5 ms per Inform on an SSD (measured on the
 * dev VM: ~1,500-3,000 Informs/s on disk with FULL; ~20,000/s of CPU cost in memory), enough
 * for the bursts a fleet of 100k devices produces. Lower it only with that trade-off in mind.
 * The CWMP listener's batches are the exception that keeps the guarantee: they commit with
 * NORMAL and their replies wait for an fdatasync of the WAL off the event loop (wal-sync.ts).
 */
export function openDatabase(target: StoreTarget): Db {
  const options = { timeout: BUSY_TIMEOUT_MS, ...nativeBindingOption(target.nativeBinding) };
  let db: Db;
  if ('path' in target) {
    mkdirSync(dirname(target.path), { recursive: true });
    try {
      db = new Database(target.path, options);
    } catch (err) {
      throw new StoreError(`Cannot open the database ${target.path}: ${String(err)}`, { cause: err });
    }
  } else {
    db = new Database(':memory:', options);
  }
  try {
    applyPragmas(db);
  } catch (err) {
    db.close();
    throw new StoreError(`Cannot configure the database ${db.name}: ${String(err)}`, { cause: err });
  }
  return db;
}

/** Checked here: better-sqlite3 would only say "Cannot find module" for a missing addon. */
function nativeBindingOption(nativeBinding: string | undefined): { nativeBinding?: string } {
  if (nativeBinding === undefined) return {};
  if (!existsSync(nativeBinding)) {
    const hint = 'for the desktop app, `npm start` builds it for Electron (scripts/electron-native.mjs)';
    throw new StoreError(`better-sqlite3's native addon ${nativeBinding} (nativeBinding) does not exist; ${hint}`);
  }
  return { nativeBinding };
}

function applyPragmas(db: Db): void {
  // An in-memory database reports 'memory' and stays so; WAL may also be refused on some
  // network filesystems, in which case the rollback journal with FULL is still durable.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('temp_store = MEMORY');
  // 32 MiB page cache: the device table and the hot parameter pages of 100k devices.
  db.pragma('cache_size = -32768');
  // Keep the WAL file from growing without bound after a burst (checkpoints truncate to this).
  db.pragma('journal_size_limit = 67108864');
}

/**
 * fn as one transaction, or as part of the caller's when one is open. Unlike db.transaction it
 * adds no savepoint when nested: for the Inform's hot path, where every caller is already
 * inside a transaction (or savepoint) that rolls back as a whole when anything in it throws.
 */
export function atomic<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
  const standalone = db.transaction(fn);
  return (...args: A): R => (db.inTransaction ? fn(...args) : standalone(...args));
}
