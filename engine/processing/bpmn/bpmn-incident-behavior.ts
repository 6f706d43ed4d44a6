// Incidents (Zeebe's BpmnIncidentBehavior): the one place an element's failure becomes an incident, and
// the resolving of an element's incidents when it leaves.
import type { Key } from '../../api';
import { IncidentIntent, NO_KEY, ValueType } from '../../protocol';
import { incidentsOf, type ElementInstance } from '../../state';
import type { Failure } from './failure';
import type { BpmnBehaviors } from './bpmn-behaviors';

/** Creates and resolves the incidents of element instances. */
export class BpmnIncidentBehavior {
  constructor(private readonly b: BpmnBehaviors) {}

  /** The one place failures become incidents. The element stays where it is until the incident is resolved. */
  raiseIncident(instance: ElementInstance, failed: Failure, jobKey: Key = NO_KEY): void {
    const v = instance.value;
    this.b.ctx.writeEvent(this.b.ctx.newKey(), ValueType.INCIDENT, IncidentIntent.CREATED, {
      errorType: failed.errorType,
      errorMessage: failed.message,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      elementId: v.elementId,
      elementInstanceKey: instance.key,
      jobKey,
      variableScopeKey: instance.key,
      tenantId: v.tenantId,
    });
  }

  /** Incidents of an element that is leaving are resolved with it. */
  resolveIncidentsOf(elementInstanceKey: Key): void {
    // Through the per-element index: every terminating element asks, and a walk read every open incident.
    for (const incident of incidentsOf(this.b.state, elementInstanceKey)) {
      this.b.ctx.writeEvent(incident.key, ValueType.INCIDENT, IncidentIntent.RESOLVED, incident.value);
    }
  }
}
