import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How hard {@link LoginThrottle} pushes back on wrong passwords. */
export interface LoginThrottleOptions {
  /** Wall clock in ms (injected so tests can move time). Default `Date.now`. */
  now?: () => number;
  /** Wrong passwords for one account before each further try must wait. Default 3. */
  freeFailuresPerAccount?: number;
  /** Wrong passwords from one address (any account) before each further try must wait. Default 20. */
  freeFailuresPerAddress?: number;
  /** First wait after the free failures; it doubles with each further failure. Default 1 s. */
  baseDelayMs?: number;
  /** Longest backoff wait. Default 60 s. */
  maxDelayMs?: number;
  /** Wrong passwords for one account that lock it. Default 10. */
  lockAfterFailures?: number;
  /** How long a lock lasts unless an admin lifts it. Default 15 min. */
  lockMs?: number;
  /** A counter with no failure for this long is forgotten. Default 15 min. */
  forgetAfterMs?: number;
  /** Most accounts and addresses remembered at once (oldest dropped first), so random names cannot fill memory. */
  maxEntries?: number;
}

/** Why a login attempt may not be tried now. */
export interface LoginRefusal {
  /** Whole seconds until trying again makes sense (the `Retry-After` value). */
  retryAfterSeconds: number;
  /** Chinese and English, for the problem detail. */
  detail: string;
}

/** One password check let through by {@link LoginThrottle.begin}; say how it ended exactly once. */
export interface LoginAttempt {
  /** The password was right: the account starts afresh. */
  succeeded(): void;
  /** The password was wrong (or the check failed): count it. */
  failed(): void;
}

/** At most this many password checks from one address at once (each costs an scrypt). */
const MAX_CHECKS_IN_FLIGHT_PER_ADDRESS = 4;

interface FailureCounter {
  failures: number;
  lastFailureAt: number;
  /** No attempt before this time (backoff or lock). */
  blockedUntil: number;
  locked: boolean;
}

/**
 * Rate limit and lockout for password checks (issue 13, item 7), per account and per client address.
 * After a few free failures each further failure doubles the wait before the next try; enough failures on
 * one account lock it for a while, or until an admin lifts the lock. A correct password clears the
 * account's counter but not the address's, so one known account cannot launder guesses at others.
 */
export class LoginThrottle {
  private readonly now: () => number;
  private readonly settings: Required<Omit<LoginThrottleOptions, 'now'>>;
  private readonly accounts = new Map<string, FailureCounter>();
  private readonly addresses = new Map<string, FailureCounter>();
  /** Checks under way: without this, guesses sent in parallel would all pass before the first failure counts. */
  private readonly accountsInFlight = new Map<string, string>();
  private readonly addressesInFlight = new Map<string, number>();

  constructor(options: LoginThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.settings = {
      freeFailuresPerAccount: options.freeFailuresPerAccount ?? 3,
      freeFailuresPerAddress: options.freeFailuresPerAddress ?? 20,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      lockAfterFailures: options.lockAfterFailures ?? 10,
      lockMs: options.lockMs ?? 15 * 60_000,
      forgetAfterMs: options.forgetAfterMs ?? 15 * 60_000,
      maxEntries: options.maxEntries ?? 10_000,
    };
  }

  /** Whether `username` from `address` may try a password now (without starting a check; see {@link begin}); a refusal says how long to wait. */
  check(username: string, address?: string): LoginRefusal | undefined {
    const now = this.now();
    const account = this.current(this.accounts, username, now);
    if (account && account.blockedUntil > now) {
      const seconds = Math.ceil((account.blockedUntil - now) / 1000);
      return account.locked
        ? { retryAfterSeconds: seconds, detail: `账号 '${username}' 因多次密码错误已被锁定，请 ${seconds} 秒后再试或联系管理员解锁 / Expected the account '${username}' to be usable, but it is locked after ${account.failures} wrong passwords; try again in ${seconds} s or ask an admin to lift the lock` }
        : { retryAfterSeconds: seconds, detail: `账号 '${username}' 密码错误次数过多，请 ${seconds} 秒后再试 / Expected fewer wrong passwords for '${username}'; try again in ${seconds} s` };
    }
    const client = address === undefined ? undefined : this.current(this.addresses, address, now);
    if (client && client.blockedUntil > now) {
      const seconds = Math.ceil((client.blockedUntil - now) / 1000);
      return { retryAfterSeconds: seconds, detail: `此地址登录失败次数过多，请 ${seconds} 秒后再试 / Expected fewer failed logins from this address; try again in ${seconds} s` };
    }
    return undefined;
  }

  /**
   * Start a password check for `username` from `address`, or refuse it: while the account or address must
   * wait, while another check for the same account is under way, or while the address has too many under way.
   */
  begin(username: string, address?: string, credential = ''): LoginRefusal | LoginAttempt {
    const refusal = this.check(username, address);
    if (refusal) return refusal;
    // The same credentials again while their check runs (a client's many channels, e.g. 40 job workers
    // connecting at once) share that check: it is one guess, not many. Only different passwords for one
    // account are made to wait their turn.
    const fingerprint = createHash('sha256').update(`${username}\u0000${credential}`).digest('base64');
    if (this.accountsInFlight.get(username) === fingerprint) {
      return { succeeded: () => this.recordSuccess(username), failed: () => undefined };
    }
    const addressChecks = address === undefined ? 0 : (this.addressesInFlight.get(address) ?? 0);
    if (this.accountsInFlight.has(username) || addressChecks >= MAX_CHECKS_IN_FLIGHT_PER_ADDRESS) {
      return { retryAfterSeconds: 1, detail: `登录请求过于频繁，请 1 秒后再试 / Expected one login at a time for '${username}', but another one is under way; try again in 1 s` };
    }
    this.accountsInFlight.set(username, fingerprint);
    if (address !== undefined) this.addressesInFlight.set(address, addressChecks + 1);
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      this.accountsInFlight.delete(username);
      if (address !== undefined) {
        const left = (this.addressesInFlight.get(address) ?? 1) - 1;
        if (left > 0) this.addressesInFlight.set(address, left);
        else this.addressesInFlight.delete(address);
      }
      if (ok) this.recordSuccess(username);
      else this.recordFailure(username, address);
    };
    return { succeeded: () => settle(true), failed: () => settle(false) };
  }

  /** Count a wrong password for `username` from `address` (unknown for gRPC: then per account only). */
  recordFailure(username: string, address?: string): void {
    const now = this.now();
    const account = this.bump(this.accounts, username, now, this.settings.freeFailuresPerAccount);
    if (account.failures >= this.settings.lockAfterFailures) {
      account.locked = true;
      account.blockedUntil = now + this.settings.lockMs;
      this.saveLocks();
    }
    if (address !== undefined) this.bump(this.addresses, address, now, this.settings.freeFailuresPerAddress);
  }

  /** A correct password: the account starts afresh (the address keeps its count). */
  recordSuccess(username: string): void {
    this.accounts.delete(username);
  }

  /** Whether `username` is locked now. */
  isLocked(username: string): boolean {
    const account = this.current(this.accounts, username, this.now());
    return account !== undefined && account.locked && account.blockedUntil > this.now();
  }

  /** Lift a lock (and the backoff) on `username`; answers whether there was one. */
  lift(username: string): boolean {
    const wasLocked = this.isLocked(username);
    this.accounts.delete(username);
    if (wasLocked) this.saveLocks();
    return wasLocked;
  }

  /** Where locks are kept across restarts, once {@link keepLocksIn} named it. */
  private locksFile: string | undefined;

  /**
   * Keep account locks in `file` (JSON, `{ username: { failures, lockedUntil } }`), so a restart does not lift
   * them: the locks still running are read now, and the file is rewritten whenever a lock starts or is lifted
   * (rare events, written atomically). Backoff below the lock stays in memory.
   */
  keepLocksIn(file: string): void {
    this.locksFile = file;
    if (!existsSync(file)) return;
    let saved: Record<string, { failures?: unknown; lockedUntil?: unknown }>;
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved;
    } catch (error) {
      console.warn(`[security] 登录锁定文件无法读取，已忽略：${file} / The login lock file ${file} cannot be read and is ignored: ${(error as Error).message}`);
      return;
    }
    const now = this.now();
    for (const [username, lock] of Object.entries(saved)) {
      const lockedUntil = Number(lock?.lockedUntil);
      if (!(lockedUntil > now)) continue;
      this.accounts.set(username, { failures: Number(lock.failures) || this.settings.lockAfterFailures, lastFailureAt: now, blockedUntil: lockedUntil, locked: true });
    }
  }

  private saveLocks(): void {
    if (!this.locksFile) return;
    const now = this.now();
    const locks: Record<string, { failures: number; lockedUntil: number }> = {};
    for (const [username, counter] of this.accounts) {
      if (counter.locked && counter.blockedUntil > now) locks[username] = { failures: counter.failures, lockedUntil: counter.blockedUntil };
    }
    mkdirSync(dirname(this.locksFile), { recursive: true });
    const temporary = `${this.locksFile}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(locks, null, 2)}\n`);
    renameSync(temporary, this.locksFile);
  }

  private current(counters: Map<string, FailureCounter>, id: string, now: number): FailureCounter | undefined {
    const counter = counters.get(id);
    if (!counter) return undefined;
    const quietSince = Math.max(counter.lastFailureAt, counter.blockedUntil);
    if (now - quietSince > this.settings.forgetAfterMs) {
      counters.delete(id);
      return undefined;
    }
    return counter;
  }

  private bump(counters: Map<string, FailureCounter>, id: string, now: number, free: number): FailureCounter {
    const counter = this.current(counters, id, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0, locked: false };
    counter.failures += 1;
    counter.lastFailureAt = now;
    if (counter.failures >= free) {
      const delay = Math.min(this.settings.baseDelayMs * 2 ** (counter.failures - free), this.settings.maxDelayMs);
      counter.blockedUntil = Math.max(counter.blockedUntil, now + delay);
    }
    // Re-insert so Map order is least-recently-failed first, then drop the oldest beyond the cap.
    counters.delete(id);
    counters.set(id, counter);
    while (counters.size > this.settings.maxEntries) counters.delete(counters.keys().next().value as string);
    return counter;
  }
}
