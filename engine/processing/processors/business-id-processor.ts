import { ProcessInstanceBusinessIdIntent, ValueType } from '../../protocol';
import type { CommandProcessor } from '../processing-context';

/** Longest business id accepted (Camunda 8.10 keeps it short: it is an identifier, not a document). */
export const MAX_BUSINESS_ID_LENGTH = 256;

/**
 * PROCESS_INSTANCE_BUSINESS_ID ASSIGN (Camunda 8.10 `POST /v2/process-instances/{key}/business-id-assignment`):
 * a running root instance without a business id gets one, once. Sending the same id again changes nothing;
 * a different id, a called (child) instance or an ended one is refused. The process element carries it from
 * then on; records written before keep theirs (as Camunda: nothing is enriched after the fact).
 */
export const businessIdProcessor: CommandProcessor = {
  process(command, ctx) {
    if (command.intent !== ProcessInstanceBusinessIdIntent.ASSIGN) {
      return ctx.reject('INVALID_ARGUMENT', `Expected a business id command, but got intent ${command.intent}`);
    }
    const businessId = command.value.businessId;
    if (typeof businessId !== 'string' || businessId.trim() === '' || businessId.length > MAX_BUSINESS_ID_LENGTH) {
      return ctx.reject('INVALID_ARGUMENT', `Expected a business id of 1 to ${MAX_BUSINESS_ID_LENGTH} characters, but got ${JSON.stringify(businessId)}`);
    }
    const instance = ctx.state.elementInstances.get(command.key);
    if (!instance || instance.value.bpmnElementType !== 'PROCESS') {
      return ctx.reject('NOT_FOUND', `Expected to assign a business id to process instance with key '${command.key}', but no such process instance was found`);
    }
    if (instance.value.parentProcessInstanceKey !== '-1') {
      return ctx.reject(
        'INVALID_STATE',
        `Expected to assign a business id to process instance with key '${command.key}', but it was called by process instance '${instance.value.parentProcessInstanceKey}' and carries its business id`,
      );
    }
    const current = instance.value.businessId;
    if (typeof current === 'string' && current !== '') {
      if (current === businessId) {
        ctx.respond({});
        return;
      }
      return ctx.reject('INVALID_STATE', `Expected to assign business id '${businessId}' to process instance with key '${command.key}', but it already has business id '${current}'`);
    }
    ctx.writeEvent(command.key, ValueType.PROCESS_INSTANCE_BUSINESS_ID, ProcessInstanceBusinessIdIntent.ASSIGNED, {
      processInstanceKey: command.key,
      businessId,
      bpmnProcessId: instance.value.bpmnProcessId,
      processDefinitionKey: instance.value.processDefinitionKey,
      tenantId: instance.value.tenantId,
    });
    ctx.respond({});
  },
};
