import { ResourceDeletionIntent, ResourceIntent, ValueType } from '../../protocol';
import { hasLiveInstances } from '../../state';
import type { CommandProcessor } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { replaceStartSubscriptions } from './deployment-processor';

/**
 * RESOURCE_DELETION DELETE: a process definition (no new instances; running ones finish; the previous version
 * becomes the latest and takes over start events), a decision requirements graph with its decisions, or a form.
 */
export const resourceDeletionProcessor: CommandProcessor = {
  process(command, ctx) {
    const key = (command.value as { resourceKey: string }).resourceKey;
    const state = ctx.state;
    const process = state.processes.get(key);
    const versions = process ? state.processVersions.get(`${process.tenantId}\u0000${process.bpmnProcessId}`) : undefined;
    if (process && versions?.includes(key)) {
      // A count per definition, kept by the appliers: no walk over every live element instance.
      if (hasLiveInstances(state, key)) {
        return ctx.reject('INVALID_STATE', `Expected to delete resource with key \`${key}\` but there are still running instances`);
      }
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETING, { resourceKey: key, tenantId: process.tenantId });
      const wasLatest = versions[versions.length - 1] === key;
      ctx.writeEvent(key, ValueType.PROCESS, ResourceIntent.DELETED, {
        bpmnProcessId: process.bpmnProcessId,
        version: process.version,
        processDefinitionKey: key,
        resourceName: process.resourceName,
        tenantId: process.tenantId,
        deploymentKey: process.deploymentKey,
      });
      if (wasLatest) {
        const previous = state.latestProcess(process.bpmnProcessId, process.tenantId);
        replaceStartSubscriptions(ctx, bpmnBehaviors(ctx), process, previous, previous ? state.executables.get(previous.key) : undefined);
      }
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETED, { resourceKey: key, tenantId: process.tenantId });
      ctx.respond({});
      return;
    }
    const drg = state.decisionRequirements.get(key);
    if (drg) {
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETING, { resourceKey: key, tenantId: drg.tenantId });
      for (const decision of [...state.decisions.values()]) {
        if (decision.decisionRequirementsKey === key) {
          ctx.writeEvent(decision.key, ValueType.DECISION, ResourceIntent.DELETED, { ...decision, decisionKey: decision.key });
        }
      }
      ctx.writeEvent(key, ValueType.DECISION_REQUIREMENTS, ResourceIntent.DELETED, { ...drg, resource: '', decisionRequirementsKey: key });
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETED, { resourceKey: key, tenantId: drg.tenantId });
      ctx.respond({});
      return;
    }
    const form = state.forms.get(key);
    if (form) {
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETING, { resourceKey: key, tenantId: form.tenantId });
      ctx.writeEvent(key, ValueType.FORM, ResourceIntent.DELETED, { ...form, resource: '', formKey: key });
      ctx.writeEvent(key, ValueType.RESOURCE_DELETION, ResourceDeletionIntent.DELETED, { resourceKey: key, tenantId: form.tenantId });
      ctx.respond({});
      return;
    }
    ctx.reject('NOT_FOUND', `Expected to delete resource but no resource found with key \`${key}\``);
  },
};
