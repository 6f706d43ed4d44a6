import type Database from 'better-sqlite3';
import { text } from './row-values';

/** A deployed process version (plus its XML, for the routes that serve it). */
export interface ProcessDefinitionView {
  processDefinitionKey: string;
  processDefinitionId: string;
  name?: string;
  version: number;
  versionTag?: string;
  resourceName: string;
  tenantId: string;
  deploymentKey: string;
  deleted: boolean;
}

/** A deployed form version. */
export interface FormView {
  formKey: string;
  formId: string;
  version: number;
  versionTag?: string;
  tenantId: string;
  deploymentKey: string;
  /** The form's JSON text. */
  schema: string;
}

/** A deployed decision version. */
export interface DecisionDefinitionView {
  decisionDefinitionKey: string;
  decisionDefinitionId: string;
  name: string;
  version: number;
  decisionRequirementsKey: string;
  decisionRequirementsId: string;
  tenantId: string;
}

/**
 * Deployed definitions from history. They are few (versions of a few dozen models), so the definition routes
 * read them whole and filter with the in-memory search; instances, tasks and the rest are searched in SQL.
 */
export class DefinitionReader {
  constructor(private readonly db: Database.Database) {}

  processes(): ProcessDefinitionView[] {
    return (
      this.db
        .prepare(
          `SELECT CAST(process_definition_key AS TEXT) AS processDefinitionKey, process_definition_id AS processDefinitionId, name, version,
             version_tag AS versionTag, resource_name AS resourceName, tenant_id AS tenantId, CAST(deployment_key AS TEXT) AS deploymentKey, deleted
           FROM process_definitions ORDER BY process_definition_key`,
        )
        .all() as Record<string, unknown>[]
    ).map((row) => ({
      processDefinitionKey: String(row.processDefinitionKey),
      processDefinitionId: String(row.processDefinitionId),
      name: text(row.name),
      version: Number(row.version),
      versionTag: text(row.versionTag),
      resourceName: String(row.resourceName),
      tenantId: String(row.tenantId),
      deploymentKey: text(row.deploymentKey) ?? '',
      deleted: row.deleted === 1,
    }));
  }

  processXml(processDefinitionKey: string): string | undefined {
    const row = this.db.prepare('SELECT bpmn_xml AS xml FROM process_definitions WHERE process_definition_key = ?').get(processDefinitionKey) as { xml: string } | undefined;
    return row?.xml;
  }

  forms(formId?: string): FormView[] {
    return (
      this.db
        .prepare(
          `SELECT CAST(form_key AS TEXT) AS formKey, form_id AS formId, version, version_tag AS versionTag, tenant_id AS tenantId,
             CAST(deployment_key AS TEXT) AS deploymentKey, schema FROM forms ${formId === undefined ? '' : 'WHERE form_id = ?'} ORDER BY form_key`,
        )
        .all(...(formId === undefined ? [] : [formId])) as Record<string, unknown>[]
    ).map((row) => ({
      formKey: String(row.formKey),
      formId: String(row.formId),
      version: Number(row.version),
      versionTag: text(row.versionTag),
      tenantId: String(row.tenantId),
      deploymentKey: text(row.deploymentKey) ?? '',
      schema: String(row.schema),
    }));
  }

  form(formKey: string): FormView | undefined {
    const row = this.db.prepare('SELECT form_id AS formId FROM forms WHERE form_key = ?').get(formKey) as { formId: string } | undefined;
    return row ? this.forms(row.formId).find((form) => form.formKey === formKey) : undefined;
  }

  decisions(): DecisionDefinitionView[] {
    return (
      this.db
        .prepare(
          `SELECT CAST(decision_definition_key AS TEXT) AS decisionDefinitionKey, decision_definition_id AS decisionDefinitionId, name, version,
             CAST(decision_requirements_key AS TEXT) AS decisionRequirementsKey, decision_requirements_id AS decisionRequirementsId, tenant_id AS tenantId
           FROM decision_definitions WHERE deleted = 0 ORDER BY decision_definition_key`,
        )
        .all() as Record<string, unknown>[]
    ).map((row) => ({
      decisionDefinitionKey: String(row.decisionDefinitionKey),
      decisionDefinitionId: String(row.decisionDefinitionId),
      name: String(row.name),
      version: Number(row.version),
      decisionRequirementsKey: text(row.decisionRequirementsKey) ?? '',
      decisionRequirementsId: String(row.decisionRequirementsId),
      tenantId: String(row.tenantId),
    }));
  }
}
