import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { startEngine, stopEngine, STRAIGHT_BPMN } from '../../scripts/bench/isolation-engine';

/** An engine in its own process, as `startEngine` of scripts/bench/isolation-engine.ts starts it. */
export type EngineChild = Awaited<ReturnType<typeof startEngine>>;

/** What the "full disk" tests do with an engine child: create instances and keep the keys it acknowledged. */
export interface AcknowledgingClient {
  /** POST /v2/process-instances of the straight `bench-isolation` process with these variables. */
  create(variables?: Record<string, unknown>): Promise<Response>;
  /** Reads a 200 answer of {@link create} and keeps its process instance key. */
  acknowledge(response: Response): Promise<void>;
  /** Every process instance key the engine acknowledged so far, in order. */
  acknowledged: string[];
}

/**
 * Deploys the straight `bench-isolation` process on an engine child and creates `count` instances, each of which
 * must be acknowledged (200): the "given" of the tests that then make the engine's record log unwritable.
 *
 * @example
 * const client = await deployAndAcknowledge(() => engine, 20);
 * const refused = await sendUntilRefused(client);
 */
export async function deployAndAcknowledge(engine: () => EngineChild, count: number): Promise<AcknowledgingClient> {
  const acknowledged: string[] = [];
  const create = (variables: Record<string, unknown> = {}) =>
    fetch(`${engine().rest}/v2/process-instances`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ processDefinitionId: 'bench-isolation', variables }) });
  const acknowledge = async (response: Response) => {
    acknowledged.push(((await response.json()) as { processInstanceKey: string }).processInstanceKey);
  };
  const form = new FormData();
  form.append('resources', new Blob([STRAIGHT_BPMN]), 'bench-isolation.bpmn');
  expect((await fetch(`${engine().rest}/v2/deployments`, { method: 'POST', body: form })).status).to.equal(200);
  for (let index = 0; index < count; index++) {
    const response = await create();
    expect(response.status).to.equal(200);
    await acknowledge(response);
  }
  return { create, acknowledge, acknowledged };
}

/**
 * Lowers the engine child's soft file size limit to 64 KB (`prlimit --fsize`), so every write that would grow
 * a file past it fails with EFBIG, as on a full disk; returns a function that lifts it again.
 */
export function fillTheDisk(engine: EngineChild): () => void {
  const pid = String(engine.child.pid);
  execFileSync('prlimit', ['--pid', pid, '--fsize=65536:']);
  return () => execFileSync('prlimit', ['--pid', pid, '--fsize=unlimited:']);
}

/**
 * Creates instances carrying 64 KB of text that does not compress, so each command grows the log, until one
 * is refused (at most 400 attempts); keeps the acknowledged ones. Returns the refusal, if any came.
 */
export async function sendUntilRefused(client: AcknowledgingClient): Promise<Response | undefined> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const response = await client.create({ filler: randomText(64 * 1024) });
    if (response.status !== 200) return response;
    await client.acknowledge(response);
  }
  return undefined;
}

/** Lifts a still-running engine child's file size limit and stops it (the `finally` of a full-disk test). */
export async function liftLimitAndStop(engine: EngineChild): Promise<void> {
  try {
    if (engine.child.exitCode === null) execFileSync('prlimit', ['--pid', String(engine.child.pid), '--fsize=unlimited:']);
  } finally {
    await stopEngine(engine.child);
  }
}

/** Text that deflate cannot shrink much: random letters and digits. */
export function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let text = '';
  for (let index = 0; index < length; index++) text += alphabet[Math.floor(Math.random() * alphabet.length)];
  return text;
}
