// Deployed resources in live state (Zeebe's ProcessState, FormState, DecisionState): one entry per version.
import type { Key } from '../api';

/** A deployed process definition version. */
export interface ProcessDefinition {
  key: Key;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
  /** `zeebe:versionTag` of the process ('' when it has none). */
  versionTag: string;
}

/** A deployed form version. */
export interface FormDefinition {
  key: Key;
  formId: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
  /** The form JSON's `versionTag` ('' when it has none). */
  versionTag: string;
}

/** A deployed decision requirements graph (DMN resource) version. */
export interface DecisionRequirementsDefinition {
  key: Key;
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  version: number;
  resourceName: string;
  resource: string;
  checksum: string;
  tenantId: string;
  deploymentKey: Key;
}

/** A deployed decision version. */
export interface DecisionDefinition {
  key: Key;
  decisionId: string;
  decisionName: string;
  version: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
  deploymentKey: Key;
  /** `zeebe:versionTag` of the decision ('' when it has none). */
  versionTag: string;
}
