import type { ConformanceBed } from './conformance-bed';

/** A refused gRPC call as the SDK reports it. */
export type GrpcFailure = { code: number; details: string };

/** The steps every migration test takes through the SDK: deploy a version, migrate, read a refusal. */
export interface MigrationSteps {
  /** Deploy one model and resolve with its process definition key. */
  deploy(model: string, name: string): Promise<string>;
  /** MigrateProcessInstance with `[source, target]` mapping instructions. */
  migrate(processInstanceKey: string, targetProcessDefinitionKey: string, mappings: [string, string][]): Promise<unknown>;
  /** The gRPC failure of a call expected to be refused (undefined if it succeeded). */
  refusal(call: Promise<unknown>): Promise<GrpcFailure | undefined>;
}

/** Migration steps on a conformance bed's SDK client. */
export function migrationSteps(bed: ConformanceBed): MigrationSteps {
  return {
    async deploy(model, name) {
      const deployment = await bed.sdk.deployResource({ process: Buffer.from(model), name });
      return deployment.deployments[0].process!.processDefinitionKey;
    },
    migrate(processInstanceKey, targetProcessDefinitionKey, mappings) {
      return bed.sdk.migrateProcessInstance({
        processInstanceKey,
        migrationPlan: { targetProcessDefinitionKey, mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId })) },
      });
    },
    refusal(call) {
      return call.then(
        () => undefined,
        (error: GrpcFailure) => error,
      );
    },
  };
}
