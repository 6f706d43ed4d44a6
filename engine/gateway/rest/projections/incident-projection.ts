import type { EngineRecord } from '../../../api';
import { isoDate, str } from '../../../history/record-values';

/** An incident as `POST /v2/incidents/search` answers it. */
export interface IncidentView {
  incidentKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceKey: string;
  errorType: string;
  errorMessage: string;
  elementId: string;
  elementInstanceKey: string;
  creationTime: string;
  state: 'ACTIVE' | 'RESOLVED';
  jobKey?: string;
  tenantId: string;
}

/** Incidents from INCIDENT events. */
export class IncidentProjection {
  readonly incidents = new Map<string, IncidentView>();

  /** Returns the incident whose state changed, so element instances can be marked. */
  apply(record: EngineRecord): IncidentView | undefined {
    if (record.valueType !== 'INCIDENT' || record.recordType !== 'EVENT') return undefined;
    const value = record.value;
    if (record.intent === 'CREATED') {
      const jobKey = str(value, 'jobKey');
      const view: IncidentView = {
        incidentKey: record.key,
        processDefinitionKey: str(value, 'processDefinitionKey') ?? '',
        processDefinitionId: str(value, 'bpmnProcessId') ?? '',
        processInstanceKey: str(value, 'processInstanceKey') ?? '',
        errorType: str(value, 'errorType') ?? 'UNKNOWN',
        errorMessage: str(value, 'errorMessage') ?? '',
        elementId: str(value, 'elementId') ?? '',
        elementInstanceKey: str(value, 'elementInstanceKey') ?? '',
        creationTime: isoDate(record.timestamp),
        state: 'ACTIVE',
        tenantId: str(value, 'tenantId') ?? '<default>',
      };
      if (jobKey && jobKey !== '-1') view.jobKey = jobKey;
      this.incidents.set(view.incidentKey, view);
      return view;
    }
    if (record.intent === 'MIGRATED') {
      const view = this.incidents.get(record.key);
      if (view) {
        view.processDefinitionKey = str(value, 'processDefinitionKey') ?? view.processDefinitionKey;
        view.processDefinitionId = str(value, 'bpmnProcessId') ?? view.processDefinitionId;
        view.elementId = str(value, 'elementId') ?? view.elementId;
      }
      return view;
    }
    if (record.intent === 'RESOLVED') {
      const view = this.incidents.get(record.key);
      if (view) view.state = 'RESOLVED';
      return view;
    }
    return undefined;
  }
}
