/**
 * The service log: what `onego start`, `onego engine` and `onego workers` say while they run, and the
 * engine's own warnings. One line per event, with a level, so a city's operators can filter and ship it:
 * JSON lines (pino's format: `level`, `time`, `name`, `msg`) when the output is a file, a pipe or
 * journald, readable lines (pino-pretty) when a person watches a terminal.
 *
 * Settings, read once per log: `ONEGO_LOG_LEVEL` (trace, debug, info, warn, error, fatal, silent; default
 * info) and `ONEGO_LOG_FORMAT` (json or text; default json unless the destination is a terminal).
 * Answers a command gives (usage, a start-up failure's one line, the ready line scripts parse) are not log
 * events and stay plain text.
 */
import { createRequire } from 'node:module';
import { isatty } from 'node:tty';
import pino, { type Logger } from 'pino';
import type pinoPretty from 'pino-pretty';

/**
 * pino-pretty, loaded only for a log written as text: a service writing JSON (the engine under systemd, the
 * benchmarks' engine) never needs it, and loading it cost ~0.1 s of CPU on every start.
 */
function loadPretty(): typeof pinoPretty {
  return createRequire(import.meta.url)('pino-pretty') as typeof pinoPretty;
}

/** pino's levels, plus `silent` to switch a log off. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** How lines are written: JSON for machines, text for people. */
export type LogFormat = 'json' | 'text';

/** A service log: pino's logger (`info`, `warn`, `error`, … with an optional object before the message). */
export type ServiceLog = Logger;

/** Options for {@link createServiceLog}. */
export interface ServiceLogOptions {
  /** Who speaks: `engine`, `start`, `workers`; written as pino's `name` field. */
  component: string;
  /** 1 (stdout) or 2 (stderr), or a stream (tests). Default 2. */
  destination?: 1 | 2 | NodeJS.WritableStream;
  /** Overrides `ONEGO_LOG_LEVEL`. */
  level?: LogLevel;
  /** Overrides `ONEGO_LOG_FORMAT` and the terminal check. */
  format?: LogFormat;
  /** Where the settings are read from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Reads a log level, refusing anything else with the accepted values named (a typo must not silently
 * switch the log to its default).
 */
export function parseLogLevel(value: string, source: string): LogLevel {
  const level = value.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new Error(`Expected ${source} to be one of ${LOG_LEVELS.join(', ')}, but was '${value}' (日志级别无效)`);
}

function parseLogFormat(value: string): LogFormat {
  const format = value.trim().toLowerCase();
  if (format === 'json' || format === 'text') return format;
  throw new Error(`Expected ONEGO_LOG_FORMAT to be json or text, but was '${value}' (日志格式无效)`);
}

function isTerminal(destination: 1 | 2 | NodeJS.WritableStream): boolean {
  if (typeof destination === 'number') return isatty(destination);
  return Boolean((destination as NodeJS.WritableStream & { isTTY?: boolean }).isTTY);
}

/** How writing the service logs of this process has gone: a full disk must not end the engine (issue 13). */
export interface ServiceLogWriteHealth {
  /** Writes that failed (ENOSPC, EFBIG, EIO, a closed pipe) since the process started. */
  writeFailures: number;
  /** Lines dropped because too much was waiting behind a failing destination. */
  droppedLines: number;
  /** The newest failure's message and time (ISO), when there was one. */
  lastFailure?: string;
  lastFailureAt?: string;
}

const writeHealth: ServiceLogWriteHealth = { writeFailures: 0, droppedLines: 0 };

/**
 * At most this much log text waits behind a failing destination (it is written once the destination takes
 * writes again); beyond it, lines are dropped and counted, so a full disk cannot grow the engine's memory.
 */
const MAX_PENDING_LOG_BYTES = 1024 * 1024;

/** Failed and dropped service log writes in this process (health and metrics read it). */
export function serviceLogWriteHealth(): ServiceLogWriteHealth {
  return { ...writeHealth };
}

/**
 * A destination whose failures are counted instead of thrown. Without a listener, a failed synchronous write
 * (EFBIG, ENOSPC on stderr redirected to a full disk) is re-thrown by the stream's `error` event from inside the
 * logging call, so a warning logged in a commit callback ended the whole engine.
 */
function guarded<T extends NodeJS.WritableStream>(stream: T): T {
  stream.on('error', (error: Error) => {
    writeHealth.writeFailures++;
    writeHealth.lastFailure = error.message;
    writeHealth.lastFailureAt = new Date().toISOString();
  });
  stream.on('drop', () => {
    writeHealth.droppedLines++;
  });
  return stream;
}

/** Where a service log's lines go: only `write`, so pino never calls a destination's `flushSync`. */
interface LineSink {
  write(line: string): unknown;
}

/**
 * A synchronous file-descriptor destination that keeps at most {@link MAX_PENDING_LOG_BYTES} waiting and never
 * throws. It offers no `flushSync`: pino calls it after every fatal line, and SonicBoom's retries a failed write
 * every 100 ms forever, which froze the engine on a full disk (its record log's fatal line never returned).
 */
function descriptorDestination(fd: number): LineSink {
  const sonic = guarded(pino.destination({ dest: fd, sync: true, maxLength: MAX_PENDING_LOG_BYTES }) as unknown as NodeJS.WritableStream);
  return {
    write: (line: string) => {
      try {
        return sonic.write(line);
      } catch (error) {
        sonic.emit('error', error);
        return false;
      }
    },
  };
}

/** The level and format a log gets from its options and the environment. */
export function serviceLogSettings(options: ServiceLogOptions): { level: LogLevel; format: LogFormat } {
  const env = options.env ?? process.env;
  const destination = options.destination ?? 2;
  const level = options.level ?? (env.ONEGO_LOG_LEVEL ? parseLogLevel(env.ONEGO_LOG_LEVEL, 'ONEGO_LOG_LEVEL') : 'info');
  const format = options.format ?? (env.ONEGO_LOG_FORMAT ? parseLogFormat(env.ONEGO_LOG_FORMAT) : isTerminal(destination) ? 'text' : 'json');
  return { level, format };
}

/**
 * Creates a service log. Writes are synchronous: a line logged just before `process.exit` (a stop, a fatal
 * error) must not be lost, and these logs are a few lines a minute, not a hot path. A write that fails (a full
 * disk under a redirected stderr) never throws into the caller: it is counted ({@link serviceLogWriteHealth})
 * and the line waits, within a bound, until the destination takes writes again.
 */
export function createServiceLog(options: ServiceLogOptions): ServiceLog {
  const { level, format } = serviceLogSettings(options);
  const destination = options.destination ?? 2;
  const base = {
    level,
    // pino's `name` field: pino-pretty shows it as "INFO (engine): …".
    name: options.component,
    base: undefined,
    // Level names ("warn") instead of pino's numbers: operators grep for words.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const sink = typeof destination === 'number' ? descriptorDestination(destination) : guarded(destination);
  if (format === 'text') {
    // Formatted here and written straight to the guarded sink: pino-pretty's own stream pipeline would be torn
    // down by the first failed write and throw on the next line.
    const pretty = loadPretty().prettyFactory({ colorize: isTerminal(destination), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
    return pino(base, { write: (line: string) => sink.write(pretty(line)) });
  }
  return pino(base, sink);
}

let engineLog: ServiceLog | undefined;

/**
 * Replaces the engine's own log (for an embedding application, or a test that reads the warnings) and
 * returns the one it replaced; `undefined` goes back to the default.
 */
export function useEngineServiceLog(log: ServiceLog | undefined): ServiceLog | undefined {
  const previous = engineLog;
  engineLog = log;
  return previous;
}

/**
 * The engine's own log (component `engine`, on stderr): warnings about snapshots, models that no longer
 * compile, a failing record log. Created on first use so the environment of the process decides.
 */
export function engineServiceLog(): ServiceLog {
  engineLog ??= createServiceLog({ component: 'engine', destination: 2 });
  return engineLog;
}

/** The line each long-running command's `--help` ends with: how to choose the log's format and level. */
export const SERVICE_LOG_HELP =
  '  logs: JSON lines unless writing to a terminal; ONEGO_LOG_FORMAT=json|text, ONEGO_LOG_LEVEL=debug|info|warn|error|silent (default info)';
