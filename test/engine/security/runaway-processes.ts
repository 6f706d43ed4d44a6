import { expect } from 'chai';
import type { EngineRecord } from '../../../engine/api';
import { chain, end, process, scriptTask, start } from '../../support/bpmn';
import { ADMIN, type RestTestBed } from '../gateway/rest/rest-test-bed';

/** A runaway FEEL expression run hostile (huge data) and sound (small data) in a script task of its own process. */
export interface Runaway {
  id: string;
  expression: string;
  hostile: Record<string, unknown>;
  sound: Record<string, unknown>;
  /** What the sound run yields. */
  result: unknown;
}

/** Deploys one process per runaway, with id `runaway.id`, whose script task writes the expression to `result`. */
export async function deployRunaways(bed: RestTestBed, runaways: readonly Runaway[]): Promise<void> {
  const deployed = await bed.sdk(ADMIN).deployResources(
    runaways.map((runaway) => ({
      name: `${runaway.id}.bpmn`,
      content: process(runaway.id, start('start'), scriptTask('evaluate', runaway.expression, 'result'), end('end'), chain('start', 'evaluate', 'end')),
    })) as never,
  );
  expect(deployed.processes).to.have.length(runaways.length);
}

/**
 * Waits for an instance's records. The log holds the hostile documents, so it is read once, each time from
 * where the last read stopped.
 */
export function recordWatcher(bed: RestTestBed): (processInstanceKey: string, matches: (record: EngineRecord) => boolean) => Promise<EngineRecord> {
  const seen: EngineRecord[] = [];
  const records = (processInstanceKey: string, matches: (record: EngineRecord) => boolean) => {
    seen.push(...bed.server.engine.readRecords(seen.length === 0 ? 0 : seen[seen.length - 1].position + 1));
    return seen.filter((record) => record.value.processInstanceKey === processInstanceKey && matches(record));
  };
  return (processInstanceKey, matches) =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + 30_000;
      const look = () => {
        const found = records(processInstanceKey, matches)[0];
        if (found) resolve(found);
        else if (Date.now() > deadline) reject(new Error(`nothing came of ${processInstanceKey}`));
        else setTimeout(look, 50);
      };
      look();
    });
}

/** An incident's creation. */
export const isIncident = (record: EngineRecord): boolean => record.valueType === 'INCIDENT' && record.intent === 'CREATED';
