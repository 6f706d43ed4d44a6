/**
 * Shared behaviour of the simulated external systems (licence registry, tax, insurance platforms, bank, …):
 * a short configurable delay, occasional transient failures, identifiers from the configured random source,
 * and the choice of implementation by `ONEGO_EXTERNAL_<SYSTEM>`.
 */
import { RetryableFailure, type WorkerConfig } from '../define-worker';
import { bilingualError } from '../bilingual';

/** How a simulated system behaves, read from the worker configuration. */
export interface SimulationSettings {
  /** Upper bound of the simulated response time (ms); `ONEGO_SIM_DELAY_MS`, default 50, at most 200. */
  maxDelayMs: number;
  /** Probability of a transient failure per call; `ONEGO_SIM_FAILURE_RATE`, default 0.02. */
  failureRate: number;
  random: () => number;
}

function readNumber(env: WorkerConfig['env'], key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw bilingualError(`设置 ${key} 须为 ${min} 到 ${max} 之间的数，收到的是「${raw}」`, `Expected ${key} to be a number from ${min} to ${max}, but it is '${raw}'`);
  }
  return value;
}

/** Reads the simulation settings; bad values are refused with a clear message rather than guessed. */
export function simulationSettings(config: WorkerConfig): SimulationSettings {
  return {
    maxDelayMs: readNumber(config.env, 'ONEGO_SIM_DELAY_MS', 50, 0, 200),
    failureRate: readNumber(config.env, 'ONEGO_SIM_FAILURE_RATE', 0.02, 0, 1),
    random: config.random,
  };
}

/**
 * One simulated round trip: waits a random part of the maximum delay, then fails transiently with the
 * configured probability (a RetryableFailure, so the engine retries the job).
 */
export async function simulateCall(settings: SimulationSettings, system: string, operation: string): Promise<void> {
  const delay = Math.floor(settings.random() * settings.maxDelayMs);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (settings.failureRate > 0 && settings.random() < settings.failureRate) {
    throw new RetryableFailure(`对接系统未应答（模拟的临时故障），作业将自动重试 / ${system} did not answer ${operation} (simulated transient failure); the job will be retried`, 5_000);
  }
}

/** A plausible identifier: prefix plus digits drawn from the random source. */
export function simulatedNumber(random: () => number, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(random() * 10).toString();
  return out;
}

/**
 * A new case number as the service centre's intake system hands them out: `PREFIX-YYYYMMDD-NNNNNN`, dated by
 * the day the window received the application (`receivedAt`, ISO-8601 in Beijing time).
 */
export function newCaseNumber(prefix: string, receivedAt: string, random: () => number): string {
  return `${prefix}-${receivedAt.slice(0, 10).replace(/-/g, '')}-${simulatedNumber(random, 6)}`;
}

/**
 * Picks an implementation of one external system by `ONEGO_EXTERNAL_<SYSTEM>` (default `simulated`).
 * Real adapters register under their own names; an unknown name is refused, naming the known ones.
 */
export function chooseImplementation<T>(config: WorkerConfig, systemKey: string, implementations: Record<string, () => T>): T {
  const variable = `ONEGO_EXTERNAL_${systemKey}`;
  const name = config.env[variable] || 'simulated';
  const create = implementations[name];
  if (!create) {
    throw bilingualError(`设置 ${variable} 须为 ${Object.keys(implementations).join('、')} 之一，收到的是「${name}」`, `Expected ${variable} to name one of ${Object.keys(implementations).join(', ')}, but it is '${name}'`);
  }
  return create();
}
