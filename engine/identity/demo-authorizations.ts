import { jurisdictionGroups, baseDepartmentOf } from './demo-jurisdictions';
import type { AuthorizationEntry } from './resource-authorizations';

/**
 * Which processes each department's people start at their window and change (messages such as 补正, variables):
 * the departments that hold a model's user tasks. A department's supervisors belong to the department's group,
 * so they inherit it. Called processes (talent-schooling, talent-staffing under talent-card) are started by
 * the engine and need no one's permission to start, but their departments still record corrections on them.
 */
export const DEPARTMENT_PROCESSES: Readonly<Record<string, readonly string[]>> = {
  'approval-service': ['enterprise-opening', 'engineering-approval'],
  'market-regulation': ['enterprise-opening'],
  tax: ['real-estate-registration'],
  'development-reform': ['engineering-approval'],
  'natural-resources': ['engineering-approval', 'real-estate-registration'],
  'housing-construction': ['engineering-approval', 'real-estate-registration'],
  'ecology-environment': ['engineering-approval'],
  'water-resources': ['engineering-approval'],
  'fire-rescue': ['engineering-approval'],
  'civil-air-defence': ['engineering-approval'],
  'urban-archives': ['engineering-approval'],
  'medical-insurance': ['medical-insurance-transfer'],
  hrss: ['talent-card'],
  'service-commissioners': ['talent-card'],
  education: ['talent-schooling'],
  'staffing-office': ['talent-staffing'],
};

/**
 * The demo identity's authorizations, as Camunda 8.8 models them: every person may publish messages (MESSAGE
 * CREATE; a message then reaches only cases of processes they may change), each department starts and changes
 * its own processes, the admin and the worker client reach every process.
 */
export function demoAuthorizations(): AuthorizationEntry[] {
  const entries: AuthorizationEntry[] = [];
  for (const role of ['staff', 'supervisor', 'admin', 'worker']) {
    entries.push({ ownerType: 'ROLE', ownerId: role, resourceType: 'MESSAGE', resourceId: '*', permissionTypes: ['CREATE'] });
  }
  for (const role of ['admin', 'worker']) {
    entries.push({
      ownerType: 'ROLE',
      ownerId: role,
      resourceType: 'PROCESS_DEFINITION',
      resourceId: '*',
      permissionTypes: ['CREATE_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE'],
    });
  }
  // A place's or an employer's group (`medical-insurance-370100`) may do what its department may.
  const placeGroups = jurisdictionGroups().filter((group) => !group.id.endsWith('-supervisors'));
  const owners: [string, readonly string[]][] = [
    ...Object.entries(DEPARTMENT_PROCESSES),
    ...placeGroups.map((group): [string, readonly string[]] => [group.id, DEPARTMENT_PROCESSES[baseDepartmentOf(group.id) ?? ''] ?? []]),
  ];
  for (const [department, processes] of owners) {
    for (const bpmnProcessId of processes) {
      entries.push({
        ownerType: 'GROUP',
        ownerId: department,
        resourceType: 'PROCESS_DEFINITION',
        resourceId: bpmnProcessId,
        permissionTypes: ['CREATE_PROCESS_INSTANCE', 'UPDATE_PROCESS_INSTANCE'],
      });
    }
  }
  return entries;
}
