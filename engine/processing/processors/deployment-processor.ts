import { createHash } from 'node:crypto';
import type { DeploymentMetadata, Key } from '../../api';
import { parseDecisionRequirements, type ParsedDecisionRequirements } from '../../dmn';
import type { ExecutableProcess } from '../../model';
import {
  DeploymentIntent,
  MessageStartEventSubscriptionIntent,
  ResourceIntent,
  SignalSubscriptionIntent,
  TimerIntent,
  ValueType,
} from '../../protocol';
import { messageStartSubscriptionsOf, startSubscriptionsOf, type ProcessDefinition } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { resolveTimer } from '../bpmn/timer-behavior';
import { isFailure } from '../bpmn/failure';
import { deploymentBindingErrors } from './deployment-binding';

/** The correlation fields of a message start event subscription record that no message reached (Zeebe's defaults). */
const UNCORRELATED = { messageKey: '-1', processInstanceKey: '-1', correlationKey: '', variables: {} };

/** A resource as the deployment command carries it; BPMN arrives parsed and compiled (see the engine). */
export interface DeploymentResourceValue {
  resourceName: string;
  resource: string;
}

/** Compiled BPMN per resource name, attached (not serialized) to the DEPLOYMENT CREATE command value. */
export const COMPILED = Symbol('compiled');
export type CompiledResources = Map<string, { ok: true; value: ExecutableProcess[] } | { ok: false; failure: string }>;

/** Parsed DMN per resource name, attached like {@link COMPILED} (parsed off the engine thread); absent: parsed here. */
export const PARSED_DMN = Symbol('parsedDmn');
export type ParsedDmnResources = Map<string, { ok: true; value: ParsedDecisionRequirements } | { ok: false; failure: string }>;

function checksum(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1];
}

/**
 * DEPLOYMENT CREATE: every resource is checked first (all or nothing); then new versions are written —
 * PROCESS / FORM / DECISION_REQUIREMENTS / DECISION CREATED — for every resource when any of them changed, and
 * for none when all of them equal their latest versions, which Zeebe then hands back unchanged. Start event
 * subscriptions move to the new version.
 */
export const deploymentProcessor: CommandProcessor = {
  process(command, ctx) {
    const value = command.value as { resources: DeploymentResourceValue[]; tenantId: string; [COMPILED]?: CompiledResources; [PARSED_DMN]?: ParsedDmnResources };
    const tenantId = value.tenantId;
    const resources = value.resources ?? [];
    if (resources.length === 0) {
      return ctx.reject('INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
    }
    const compiled = value[COMPILED] ?? new Map();
    const errors: string[] = [];
    const forms: { resource: DeploymentResourceValue; formId: string; versionTag: string }[] = [];
    const dmns: { resource: DeploymentResourceValue; drg: ParsedDecisionRequirements }[] = [];
    const bpmns: { resource: DeploymentResourceValue; processes: ExecutableProcess[] }[] = [];
    for (const resource of resources) {
      const name = resource.resourceName;
      if (/\.(bpmn|xml)$/i.test(name)) {
        const result = compiled.get(name);
        if (!result) errors.push(`'${name}': the BPMN resource was not parsed`);
        else if (!result.ok) errors.push(result.failure);
        else bpmns.push({ resource, processes: result.value });
      } else if (/\.dmn$/i.test(name)) {
        const result = value[PARSED_DMN]?.get(name) ?? parseDecisionRequirements(resource.resource);
        if (!result.ok) errors.push(`'${name}': ${result.failure}`);
        else dmns.push({ resource, drg: result.value });
      } else if (/\.form$/i.test(name)) {
        try {
          const form = JSON.parse(resource.resource) as { id?: unknown; versionTag?: unknown };
          if (typeof form?.id !== 'string' || form.id === '') errors.push(`'${name}': Expected the form to have an 'id', but it has none`);
          else forms.push({ resource, formId: form.id, versionTag: typeof form.versionTag === 'string' ? form.versionTag : '' });
        } catch (error) {
          errors.push(`'${name}': Expected the form to be JSON, but it is not: ${(error as Error).message}`);
        }
      } else {
        errors.push(`'${name}': Expected to deploy a resource of type BPMN (.bpmn), DMN (.dmn) or form (.form), but the file extension is not supported`);
      }
    }
    const seenProcessIds = new Set<string>();
    for (const { resource, processes } of bpmns) {
      for (const p of processes) {
        if (seenProcessIds.has(p.bpmnProcessId)) errors.push(`'${resource.resourceName}': Duplicated process id in resources '${p.bpmnProcessId}'`);
        seenProcessIds.add(p.bpmnProcessId);
      }
    }
    errors.push(
      ...deploymentBindingErrors(bpmns, {
        processIds: seenProcessIds,
        decisionIds: new Set(dmns.flatMap(({ drg }) => drg.decisions.map((decision) => decision.id))),
        formIds: new Set(forms.map((form) => form.formId)),
      }),
    );
    if (errors.length > 0) {
      return ctx.reject('INVALID_ARGUMENT', `Expected to deploy new resources, but encountered the following errors:\n${errors.join('\n')}`);
    }

    const deploymentKey = ctx.newKey();
    const metadata: DeploymentMetadata[] = [];
    const b = bpmnBehaviors(ctx);
    // Zeebe 8.6+: resources deployed together are versioned together. If any of them changed, every one gets a
    // new version, so `deployment` binding always finds the versions that were deployed side by side; only a
    // deployment in which nothing changed is answered with the versions already deployed.
    const checksums = new Map(resources.map((resource) => [resource, checksum(resource.resource)]));
    const sumOf = (resource: DeploymentResourceValue) => checksums.get(resource)!;
    const nothingChanged = everyResourceUnchanged(ctx, tenantId, sumOf, { bpmns, dmns, forms });

    // Forms first: user tasks link to the form deployed with them.
    for (const { resource, formId, versionTag } of forms) {
      const sum = sumOf(resource);
      const latest = ctx.state.latestForm(formId, tenantId);
      const resourceName = baseName(resource.resourceName);
      if (nothingChanged && latest) {
        metadata.push({ form: { formId, version: latest.version, formKey: latest.key, resourceName, tenantId } });
        continue;
      }
      const key = ctx.newKey();
      const version = (latest?.version ?? 0) + 1;
      ctx.writeEvent(key, ValueType.FORM, ResourceIntent.CREATED, {
        formId, version, formKey: key, resourceName, resource: resource.resource, checksum: sum, tenantId, deploymentKey, versionTag,
      });
      metadata.push({ form: { formId, version, formKey: key, resourceName, tenantId } });
    }

    for (const { resource, drg } of dmns) {
      const sum = sumOf(resource);
      const resourceName = baseName(resource.resourceName);
      const latest = ctx.state.latestDecisionRequirements(drg.id, tenantId);
      let drgKey: Key;
      let drgVersion: number;
      const duplicate = nothingChanged && latest !== undefined;
      if (duplicate) {
        drgKey = latest.key;
        drgVersion = latest.version;
      } else {
        drgKey = ctx.newKey();
        drgVersion = (latest?.version ?? 0) + 1;
        ctx.state.decisionGraphs.set(drgKey, drg);
        ctx.writeEvent(drgKey, ValueType.DECISION_REQUIREMENTS, ResourceIntent.CREATED, {
          decisionRequirementsId: drg.id,
          decisionRequirementsName: drg.name,
          decisionRequirementsKey: drgKey,
          version: drgVersion,
          namespace: drg.namespace,
          resourceName,
          resource: resource.resource,
          checksum: sum,
          tenantId,
          deploymentKey,
        });
      }
      metadata.push({
        decisionRequirements: {
          dmnDecisionRequirementsId: drg.id,
          dmnDecisionRequirementsName: drg.name,
          version: drgVersion,
          decisionRequirementsKey: drgKey,
          resourceName,
          tenantId,
        },
      });
      for (const decision of drg.decisions) {
        const latestDecision = ctx.state.latestDecision(decision.id, tenantId);
        if (duplicate && latestDecision && latestDecision.decisionRequirementsKey === drgKey) {
          metadata.push({ decision: toDecisionMetadata(latestDecision.key, latestDecision.version, decision, drg.id, drgKey, tenantId) });
          continue;
        }
        const key = ctx.newKey();
        const version = (latestDecision?.version ?? 0) + 1;
        ctx.writeEvent(key, ValueType.DECISION, ResourceIntent.CREATED, {
          decisionId: decision.id,
          decisionName: decision.name,
          decisionKey: key,
          version,
          decisionRequirementsId: drg.id,
          decisionRequirementsKey: drgKey,
          tenantId,
          deploymentKey,
          versionTag: decision.versionTag,
        });
        metadata.push({ decision: toDecisionMetadata(key, version, decision, drg.id, drgKey, tenantId) });
      }
    }

    for (const { resource, processes } of bpmns) {
      const sum = sumOf(resource);
      const resourceName = baseName(resource.resourceName);
      for (const model of processes) {
        const latest = ctx.state.latestProcess(model.bpmnProcessId, tenantId);
        if (nothingChanged && latest) {
          metadata.push({ process: { bpmnProcessId: model.bpmnProcessId, version: latest.version, processDefinitionKey: latest.key, resourceName, tenantId } });
          continue;
        }
        const key = ctx.newKey();
        const version = (latest?.version ?? 0) + 1;
        ctx.state.executables.set(key, model);
        ctx.writeEvent(key, ValueType.PROCESS, ResourceIntent.CREATED, {
          bpmnProcessId: model.bpmnProcessId,
          version,
          processDefinitionKey: key,
          resourceName,
          resource: resource.resource,
          checksum: sum,
          tenantId,
          deploymentKey,
          versionTag: model.versionTag ?? '',
          duplicate: false,
        });
        replaceStartSubscriptions(ctx, b, latest, ctx.state.processes.get(key)!, model);
        metadata.push({ process: { bpmnProcessId: model.bpmnProcessId, version, processDefinitionKey: key, resourceName, tenantId } });
      }
    }

    ctx.writeEvent(deploymentKey, ValueType.DEPLOYMENT, DeploymentIntent.CREATED, {
      resources: resources.map((r) => ({ resourceName: baseName(r.resourceName) })),
      deploymentKey,
      tenantId,
      metadata,
    });
    ctx.respond({ key: deploymentKey, deployments: inZeebeResponseOrder(metadata), tenantId });
  },
};

/** Zeebe's deployment response lists processes, then decisions, then decision requirements, then forms. */
const RESPONSE_ORDER = ['process', 'decision', 'decisionRequirements', 'form'] as const;

/** The deployed resources in Zeebe's response order (stable within a kind), whatever order they were processed in. */
function inZeebeResponseOrder(metadata: DeploymentMetadata[]): DeploymentMetadata[] {
  const rank = (entry: DeploymentMetadata) => RESPONSE_ORDER.findIndex((kind) => kind in entry);
  return [...metadata].sort((a, b) => rank(a) - rank(b));
}

/** Whether every resource of a deployment is the same file (name and checksum) as its latest deployed version. */
function everyResourceUnchanged(
  ctx: ProcessingContext,
  tenantId: string,
  sumOf: (resource: DeploymentResourceValue) => string,
  parsed: {
    bpmns: { resource: DeploymentResourceValue; processes: ExecutableProcess[] }[];
    dmns: { resource: DeploymentResourceValue; drg: { id: string } }[];
    forms: { resource: DeploymentResourceValue; formId: string }[];
  },
): boolean {
  const unchanged = (resource: DeploymentResourceValue, latest: { checksum: string; resourceName: string } | undefined) =>
    latest !== undefined && latest.checksum === sumOf(resource) && latest.resourceName === baseName(resource.resourceName);
  return (
    parsed.forms.every(({ resource, formId }) => unchanged(resource, ctx.state.latestForm(formId, tenantId))) &&
    parsed.dmns.every(({ resource, drg }) => unchanged(resource, ctx.state.latestDecisionRequirements(drg.id, tenantId))) &&
    parsed.bpmns.every(({ resource, processes }) => processes.every((model) => unchanged(resource, ctx.state.latestProcess(model.bpmnProcessId, tenantId))))
  );
}

function toDecisionMetadata(key: Key, version: number, decision: { id: string; name: string }, drgId: string, drgKey: Key, tenantId: string) {
  return {
    dmnDecisionId: decision.id,
    dmnDecisionName: decision.name,
    version,
    decisionKey: key,
    dmnDecisionRequirementsId: drgId,
    decisionRequirementsKey: drgKey,
    tenantId,
  };
}

/** Start events (timer, message, signal) of the previous version stop listening; the new version's start. */
export function replaceStartSubscriptions(
  ctx: ProcessingContext,
  b: ReturnType<typeof bpmnBehaviors>,
  previous: ProcessDefinition | undefined,
  definition: ProcessDefinition | undefined,
  model: ExecutableProcess | undefined,
): void {
  if (previous) {
    // Found through the definition's index, not by walking every timer and signal subscription of every case.
    const starts = startSubscriptionsOf(ctx.state, previous.key);
    for (const entry of starts) {
      const timer = entry.startsWith('timer:') ? ctx.state.timers.get(entry.slice('timer:'.length)) : undefined;
      if (timer) ctx.writeEvent(timer.key, ValueType.TIMER, TimerIntent.CANCELED, timer.value);
    }
    // Also through the definition's index (sorted by message name), not a walk over every definition's.
    for (const subscription of messageStartSubscriptionsOf(ctx.state, previous.key)) {
      const { key, ...value } = subscription;
      ctx.writeEvent(key, ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.DELETED, { ...value, ...UNCORRELATED });
    }
    for (const entry of starts) {
      const subscription = entry.startsWith('signal:') ? ctx.state.signalSubscriptions.get(entry.slice('signal:'.length)) : undefined;
      if (subscription) ctx.writeEvent(subscription.key, ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.DELETED, subscription.value);
    }
  }
  if (!definition || !model) return;
  for (const id of model.startEventIds) {
    const node = model.nodes.get(id)!;
    if (node.eventType === 'TIMER') {
      const timer = resolveTimer(b, node, '-1');
      if (isFailure(timer)) continue;
      ctx.writeEvent(ctx.newKey(), ValueType.TIMER, TimerIntent.CREATED, {
        elementInstanceKey: '-1',
        processInstanceKey: '-1',
        processDefinitionKey: definition.key,
        targetElementId: id,
        dueDate: timer.dueDate,
        repetitions: timer.repetitions,
        tenantId: definition.tenantId,
      });
    } else if (node.eventType === 'MESSAGE' && node.message) {
      ctx.writeEvent(ctx.newKey(), ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, MessageStartEventSubscriptionIntent.CREATED, {
        processDefinitionKey: definition.key,
        bpmnProcessId: definition.bpmnProcessId,
        startEventId: id,
        messageName: node.message.name,
        tenantId: definition.tenantId,
        ...UNCORRELATED,
      });
    } else if (node.eventType === 'SIGNAL' && node.signalName) {
      ctx.writeEvent(ctx.newKey(), ValueType.SIGNAL_SUBSCRIPTION, SignalSubscriptionIntent.CREATED, {
        signalName: node.signalName,
        catchEventId: id,
        catchEventInstanceKey: '-1',
        processDefinitionKey: definition.key,
        bpmnProcessId: definition.bpmnProcessId,
        tenantId: definition.tenantId,
      });
    }
  }
}
