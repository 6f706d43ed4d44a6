import type { Key, Variables } from '../../api';
import { ProcessInstanceCreationIntent, ValueType } from '../../protocol';
import type { ProcessDefinition } from '../../state';
import type { CommandProcessor, ProcessingContext } from '../processing-context';
import { bpmnBehaviors } from './behaviors';
import { runtimeInstructionsOf } from '../bpmn/runtime-instruction-behavior';
import { insufficientPermissions } from '../../identity/resource-authorizations';
import { MAX_BUSINESS_ID_LENGTH } from './business-id-processor';

interface CreationValue {
  processDefinitionKey?: Key;
  bpmnProcessId?: string;
  version?: number;
  variables?: Variables;
  startInstructions?: { elementId: string }[];
  tenantId: string;
  fetchVariables?: string[];
  /** Camunda 8.10: the instance's business id (a case number), if the caller gave one. */
  businessId?: string;
  /** Camunda 8.8: `[{ type: 'TERMINATE_PROCESS_INSTANCE', afterElementId }]`. */
  runtimeInstructions?: unknown;
}

function findDefinition(ctx: ProcessingContext, v: CreationValue): ProcessDefinition | string {
  const state = ctx.state;
  if (v.processDefinitionKey && v.processDefinitionKey !== '-1' && v.processDefinitionKey !== '0') {
    const definition = state.processes.get(v.processDefinitionKey);
    if (!definition || definition.tenantId !== v.tenantId) {
      return `Expected to find process definition with key '${v.processDefinitionKey}', but none found`;
    }
    return definition;
  }
  if (!v.bpmnProcessId) return `Expected at least a bpmnProcessId or a key greater than -1, but none given`;
  if (v.version !== undefined && v.version >= 0) {
    const definition = state.processByVersion(v.bpmnProcessId, v.version, v.tenantId);
    return definition ?? `Expected to find process definition with process ID '${v.bpmnProcessId}' and version '${v.version}', but none found`;
  }
  return state.latestProcess(v.bpmnProcessId, v.tenantId) ?? `Expected to find process definition with process ID '${v.bpmnProcessId}', but none found`;
}

/** PROCESS_INSTANCE_CREATION CREATE (and CREATE_WITH_AWAITING_RESULT): start an instance of a deployed process. */
export const processInstanceCreationProcessor: CommandProcessor = {
  process(command, ctx) {
    const v = command.value as unknown as CreationValue;
    const definition = findDefinition(ctx, v);
    if (typeof definition === 'string') return ctx.reject('NOT_FOUND', definition);
    if (!ctx.permits('PROCESS_DEFINITION', 'CREATE_PROCESS_INSTANCE', definition.bpmnProcessId)) {
      return ctx.reject('FORBIDDEN', insufficientPermissions('CREATE_PROCESS_INSTANCE', 'PROCESS_DEFINITION', definition.bpmnProcessId));
    }
    const model = ctx.state.executables.get(definition.key)!;
    const startIds = (v.startInstructions ?? []).map((s) => s.elementId);
    for (const id of startIds) {
      const node = model.nodes.get(id);
      if (!node) {
        return ctx.reject('INVALID_ARGUMENT', `Expected to create instance of process with start instructions but no element found with id '${id}'.`);
      }
      if (node.flowScopeId !== model.process.id) {
        return ctx.reject('INVALID_ARGUMENT', `Expected to create instance of process with start instructions but the element with id '${id}' is not a direct child of the process.`);
      }
    }
    if (startIds.length === 0 && !model.process.noneStartId) {
      return ctx.reject('INVALID_ARGUMENT', `Expected to create instance of process with none start event, but there is no such event`);
    }
    const businessId = typeof v.businessId === 'string' && v.businessId !== '' ? v.businessId : undefined;
    if (businessId !== undefined && businessId.length > MAX_BUSINESS_ID_LENGTH) {
      return ctx.reject('INVALID_ARGUMENT', `Expected a business id of at most ${MAX_BUSINESS_ID_LENGTH} characters, but it has ${businessId.length}`);
    }
    const b = bpmnBehaviors(ctx);
    const processInstanceKey = ctx.newKey();
    if (command.intent === ProcessInstanceCreationIntent.CREATE_WITH_AWAITING_RESULT) {
      ctx.sideEffects.registerResultWaiter(processInstanceKey, command);
    }
    const created: Record<string, unknown> = {
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      processInstanceKey,
      tenantId: definition.tenantId,
    };
    if (businessId !== undefined) created.businessId = businessId;
    const runtimeInstructions = runtimeInstructionsOf(v.runtimeInstructions);
    b.startProcessInstance(definition, v.variables ?? {}, { startElementIds: startIds.length ? startIds : undefined, instructed: startIds.length > 0, processInstanceKey, businessId, runtimeInstructions });
    ctx.writeEvent(processInstanceKey, ValueType.PROCESS_INSTANCE_CREATION, ProcessInstanceCreationIntent.CREATED, {
      ...created,
      variables: v.variables ?? {},
      startInstructions: v.startInstructions ?? [],
      runtimeInstructions,
      fetchVariables: v.fetchVariables ?? [],
    });
    ctx.respond(created);
  },
};
