import { gzipSync } from 'node:zlib';
import { StateCapture, type EngineState } from '../../engine/state';
import type { CaptureChunk, CapturedChunk, CapturedMap, CapturedState } from '../../engine/state/state-capture';

/**
 * A captured state of `state` as the snapshot writer thread would frame it (chunks compressed, nothing carried
 * over from an earlier snapshot), for tests that restore it with `restoreCapturedState`, possibly after
 * removing maps to stand in for a snapshot an older engine wrote.
 *
 * @example
 * const captured = captureOf(engine.engine.state);
 * delete (captured.maps as Partial<CapturedState['maps']>).signalSubscriptionsByName;
 * restoreCapturedState(new EngineState(), captured);
 */
export function captureOf(state: EngineState): CapturedState {
  const capture = new StateCapture(state);
  const chunks: CaptureChunk[] = [];
  for (let done = false; !done; ) {
    done = capture.step();
    chunks.push(...capture.drain());
  }
  capture.finish();
  chunks.push(...capture.drain());
  capture.abandon();
  const maps: Record<string, CapturedMap> = {};
  for (const chunk of chunks) {
    const map = (maps[chunk.field] ??= { order: undefined, chunks: [] });
    if (chunk.kind === 'order') map.order = chunk.bytes && gzipSync(chunk.bytes);
    else if (chunk.kind === 'entries') (map.chunks as CapturedChunk[]).push({ entries: gzipSync(chunk.bytes), keys: gzipSync(chunk.keys), size: chunk.size, summary: chunk.summary });
  }
  return { ...capture.head, maps: maps as CapturedState['maps'] };
}
