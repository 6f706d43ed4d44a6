/**
 * Read models for the REST search endpoints, built from the engine's committed record stream (never from
 * its internal state), in memory and indexed on what the endpoints filter by.
 */
import type { EngineApi, EngineRecord } from '../../../api';
import { DefinitionProjection } from './definition-projection';
import { IncidentProjection } from './incident-projection';
import { ProcessInstanceProjection } from './process-instance-projection';
import { UserTaskProjection } from './user-task-projection';
import { VariableProjection } from './variable-projection';

export type { ProcessDefinitionView, FormView, DecisionDefinitionView } from './definition-projection';
export type { UserTaskView, UserTaskState } from './user-task-projection';
export type { ProcessInstanceView, ElementInstanceView } from './process-instance-projection';
export type { VariableView } from './variable-projection';
export type { IncidentView } from './incident-projection';

const CATCH_UP_BATCH = 10_000;

/** Every projection, kept current by one subscription to `engine.onCommitted`. */
export class RestProjections {
  readonly definitions = new DefinitionProjection();
  readonly userTasks = new UserTaskProjection();
  readonly instances = new ProcessInstanceProjection();
  readonly variables = new VariableProjection();
  readonly incidents = new IncidentProjection();
  private lastPosition = -1;
  private readonly unsubscribe: () => void;

  /** Subscribes first, then reads the log so far: nothing committed in between is missed or applied twice. */
  constructor(engine: EngineApi) {
    this.unsubscribe = engine.onCommitted((records) => this.applyAll(records));
    for (;;) {
      const batch = engine.readRecords(this.lastPosition + 1, CATCH_UP_BATCH);
      if (batch.length === 0) break;
      this.applyAll(batch);
      if (batch.length < CATCH_UP_BATCH) break;
    }
  }

  private applyAll(records: readonly EngineRecord[]): void {
    for (const record of records) {
      if (record.position <= this.lastPosition) continue;
      this.lastPosition = record.position;
      this.apply(record);
    }
  }

  private apply(record: EngineRecord): void {
    switch (record.valueType) {
      case 'USER_TASK':
        this.userTasks.apply(record);
        break;
      case 'PROCESS_INSTANCE':
        this.instances.apply(record);
        break;
      case 'VARIABLE':
        this.variables.apply(record);
        break;
      case 'INCIDENT': {
        const incident = this.incidents.apply(record);
        if (incident) {
          this.instances.markIncident(incident.elementInstanceKey, incident.processInstanceKey, incident.state === 'ACTIVE' ? incident.incidentKey : undefined);
        }
        break;
      }
      default:
        this.definitions.apply(record);
    }
  }

  /** The position of the last record applied (so a command's answer can wait until it is visible). */
  get position(): number {
    return this.lastPosition;
  }

  close(): void {
    this.unsubscribe();
  }
}
