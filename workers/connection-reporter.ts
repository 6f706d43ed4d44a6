/**
 * One line per change of the workers' connection to the gateway, instead of the SDK's error line per
 * worker per retry (40 job types × a retry a second floods a terminal with megabytes of JSON).
 */

/** Where the workers stand with the gateway. */
export type ConnectionState = 'connecting' | 'connected' | 'unreachable' | 'unauthenticated' | 'refused';

/** Options for {@link ConnectionReporter}. */
export interface ConnectionReporterOptions {
  /** The gateway the workers talk to, as shown to the user. */
  gateway: string;
  log: (line: string) => void;
  /** While the gateway stays unreachable, a summary this often (default one minute). */
  summaryEveryMs?: number;
  now?: () => number;
}

/** The SDK's logger interface (`stdout` in worker options): it hands over one JSON or text line per call. */
export interface SdkLogSink {
  info(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

const FIX: Record<Exclude<ConnectionState, 'connecting' | 'connected'>, string> = {
  unreachable:
    '网关无法连接：请先启动引擎（npm start 或 npx onego engine），或把 ZEEBE_GRPC_ADDRESS 设为网关地址 / gateway unreachable: start the engine (npm start or npx onego engine) or set ZEEBE_GRPC_ADDRESS to the gateway',
  unauthenticated:
    '网关拒绝了凭据：请设置 CAMUNDA_AUTH_STRATEGY=BASIC、CAMUNDA_BASIC_AUTH_USERNAME 和 CAMUNDA_BASIC_AUTH_PASSWORD（npm start 的演示账号 onego-worker，见 engine/identity/README.md） / the gateway refused the credentials: set CAMUNDA_AUTH_STRATEGY=BASIC, CAMUNDA_BASIC_AUTH_USERNAME and CAMUNDA_BASIC_AUTH_PASSWORD (the demo account onego-worker under npm start, see engine/identity/README.md)',
  refused: '网关拒绝了任务处理程序的请求 / the gateway refused the workers\' requests',
};

function stateOf(message: string): ConnectionState | undefined {
  if (/\b16 UNAUTHENTICATED\b|UNAUTHENTICATED/.test(message)) return 'unauthenticated';
  if (/\b7 PERMISSION_DENIED\b/.test(message)) return 'refused';
  if (/\b14 UNAVAILABLE\b|ECONNREFUSED|No connection established|ENOTFOUND|EHOSTUNREACH/.test(message)) return 'unreachable';
  return undefined;
}

/** The message inside one SDK log line (JSON with a `message` field, or plain text). */
function messageOf(line: string): string {
  try {
    const parsed = JSON.parse(line) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : line;
  } catch {
    return line;
  }
}

/**
 * Collects the connection events of every worker into one state and logs each change once, with what to do;
 * while the gateway stays unreachable or refuses, a summary line every minute. The SDK retries with its own
 * back-off meanwhile.
 */
export class ConnectionReporter {
  private state: ConnectionState = 'connecting';
  private since: number;
  private failures = 0;
  private summary: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  /** Give this to each SDK worker as `stdout`. */
  readonly sink: SdkLogSink;

  constructor(private readonly options: ConnectionReporterOptions) {
    this.now = options.now ?? Date.now;
    this.since = this.now();
    this.sink = {
      info: () => undefined,
      debug: () => undefined,
      error: (line: string) => this.observeError(messageOf(line)),
    };
  }

  /** The state the workers are in now. */
  get current(): ConnectionState {
    return this.state;
  }

  /** A worker's channel became ready. */
  ready(): void {
    this.change('connected');
  }

  /** A worker's call failed: the SDK logged it as an error line. */
  observeError(message: string): void {
    const state = stateOf(message);
    if (!state) {
      this.options.log(`任务处理程序错误 / worker error: ${message}`);
      return;
    }
    this.failures++;
    this.change(state);
  }

  /** Stop the summary timer. */
  close(): void {
    if (this.summary) clearInterval(this.summary);
    this.summary = undefined;
  }

  private change(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.since = this.now();
    this.failures = state === 'connected' ? 0 : this.failures;
    this.close();
    if (state === 'connected') {
      this.options.log(`已连接网关 / connected to the gateway ${this.options.gateway}`);
      return;
    }
    this.options.log(`${FIX[state as keyof typeof FIX]} (${this.options.gateway})`);
    this.summary = setInterval(() => this.summarize(), this.options.summaryEveryMs ?? 60_000);
    this.summary.unref();
  }

  /** The once-a-minute line while the problem lasts. */
  summarize(): void {
    if (this.state === 'connected' || this.state === 'connecting') return;
    const minutes = Math.max(1, Math.round((this.now() - this.since) / 60_000));
    this.options.log(
      `仍未连上网关（${minutes} 分钟，${this.failures} 次失败，自动重试中） / still not connected to ${this.options.gateway} (${minutes} min, ${this.failures} failed attempts, retrying)`,
    );
  }
}
