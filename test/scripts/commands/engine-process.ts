import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Camunda8 } from '@camunda8/sdk';

/** The official SDK's gRPC client, as tests get it for an engine they started. */
export type SdkZeebeClient = ReturnType<Camunda8['getZeebeGrpcApiClient']>;

/**
 * An SDK gRPC client for an `onego engine` child process: no auth, silent, and without the SDK's retries, so a
 * killed engine surfaces as an error instead of endless reconnecting.
 */
export function sdkFor(grpcAddress: string): SdkZeebeClient {
  return new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${grpcAddress}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  } as never).getZeebeGrpcApiClient();
}

/** What `onego engine` prints on its one ready line. */
export interface EngineReadyLine {
  grpc: string;
  rest: string;
  data: string;
  /** The management port's base URL (health, metrics, clock actuator); null when it could not be bound. */
  management?: string | null;
}

export interface EngineProcess {
  readonly child: ChildProcess;
  /** Resolves with the ready line; rejects if the process exits first. */
  readonly ready: Promise<EngineReadyLine>;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  stderr(): string;
  stdoutLines(): string[];
}

/** Run `node scripts/onego.mjs engine …` as a separate process, the way a user would. */
export function spawnEngine(args: string[], env: NodeJS.ProcessEnv = process.env): EngineProcess {
  const child = spawn(process.execPath, ['scripts/onego.mjs', 'engine', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  const lines: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const ready = new Promise<EngineReadyLine>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) {
        try {
          resolve(JSON.parse(line) as EngineReadyLine);
        } catch (error) {
          reject(new Error(`the first stdout line is not JSON: ${line}`));
        }
      }
    });
    void exited.then((code) => reject(new Error(`onego engine exited with ${code} before it was ready: ${stderr}`)));
  });
  ready.catch(() => undefined);
  return { child, ready, exited, stderr: () => stderr, stdoutLines: () => lines };
}
