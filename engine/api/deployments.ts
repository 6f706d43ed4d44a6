// Deployments and what they deployed: the resources handed in, the metadata answered, and the deployed
// process definitions, forms and decision requirements the engine can be asked for.
import type { Key } from './keys-and-variables';

/** One file handed to a deployment (`.bpmn`, `.dmn`, `.form`). `name` may be an absolute path. */
export interface DeploymentResource {
  name: string;
  content: Buffer;
}

export interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: Key;
  resourceName: string;
  tenantId: string;
}

export interface DeployedDecision {
  dmnDecisionId: string;
  dmnDecisionName: string;
  version: number;
  decisionKey: Key;
  dmnDecisionRequirementsId: string;
  decisionRequirementsKey: Key;
  tenantId: string;
}

export interface DeployedDecisionRequirements {
  dmnDecisionRequirementsId: string;
  dmnDecisionRequirementsName: string;
  version: number;
  decisionRequirementsKey: Key;
  resourceName: string;
  tenantId: string;
}

export interface DeployedForm {
  formId: string;
  version: number;
  formKey: Key;
  resourceName: string;
  tenantId: string;
}

export type DeploymentMetadata =
  | { process: DeployedProcess }
  | { decision: DeployedDecision }
  | { decisionRequirements: DeployedDecisionRequirements }
  | { form: DeployedForm };

export interface DeploymentResult {
  key: Key;
  deployments: DeploymentMetadata[];
  tenantId: string;
}

/** A deployed form (Camunda Forms JSON). */
export interface FormDefinition {
  formKey: Key;
  formId: string;
  version: number;
  resourceName: string;
  /** The form's JSON text as deployed. */
  schema: string;
  tenantId: string;
}

/** A deployed decision requirements graph version (a DMN resource) with its XML. */
export interface DecisionRequirementsInfo extends DeployedDecisionRequirements {
  /** The DMN XML as deployed. */
  dmnXml: string;
}

/** A deployed process definition version. */
export interface ProcessDefinitionInfo {
  processDefinitionKey: Key;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  tenantId: string;
  /** The BPMN XML as deployed. */
  bpmnXml: string;
}
