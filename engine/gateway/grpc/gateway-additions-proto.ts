/**
 * OneGo's additions to the Zeebe gateway protocol, as proto3 text: the messages Camunda 8.8/8.9's gateway has
 * that the official JavaScript SDK's zeebe.proto (8.8.x) does not carry yet. Kept as text in a module (not a
 * .proto file beside it) so the bundled `onego` command carries it too. See {@link ./proto.ts}.
 */
export const GATEWAY_ADDITIONS_PROTO = `// OneGo's additions to the Zeebe gateway protocol that the official JavaScript SDK's zeebe.proto (8.8.x)
// does not carry yet, written from Camunda's published gateway service reference
// (https://docs.camunda.io/docs/apis-tools/zeebe-api/gateway-service/), field numbers as Camunda 8.8/8.9 use
// them on the wire. engine/gateway/grpc/proto.ts parses this text beside the SDK proto and adds the fields that
// extend existing messages (CompleteJobRequest.result = 3, CreateProcessInstanceRequest.runtimeInstructions = 8)
// and the EvaluateConditional RPC to the Gateway service.
syntax = "proto3";
package gateway_protocol;

// How a worker completed its job (8.8): a user task listener's verdict, or an ad-hoc subprocess's next steps.
message JobResult {
  // true: the listener refuses the user task's transition
  optional bool denied = 1;
  // user task attributes the listener corrects; an absent one keeps its value
  optional JobResultCorrections corrections = 2;
  // why the listener refused
  optional string deniedReason = 3;
  // "userTask" (the default) or "adHocSubProcess"
  optional string type = 4;
  // ad-hoc subprocess: the inner elements to activate
  repeated JobResultActivateElement activateElements = 5;
  // ad-hoc subprocess: the completion condition holds
  optional bool isCompletionConditionFulfilled = 6;
  // ad-hoc subprocess: terminate the inner instances still running when it completes
  optional bool isCancelRemainingInstances = 7;
}

// Corrected user task attributes (an empty string or list clears one).
message JobResultCorrections {
  optional string assignee = 1;
  optional string dueDate = 2;
  optional string followUpDate = 3;
  optional StringList candidateUsers = 4;
  optional StringList candidateGroups = 5;
  optional int32 priority = 6;
}

// One inner element of an ad-hoc subprocess to activate, with variables (a JSON object) for its scope.
message JobResultActivateElement {
  string elementId = 1;
  string variables = 2;
}

// A list that can be told apart from an absent one.
message StringList {
  repeated string values = 1;
}

// A runtime instruction given at creation (8.8); the only kind terminates the instance after an element.
message ProcessInstanceCreationRuntimeInstruction {
  oneof instruction {
    TerminateProcessInstanceInstruction terminate = 1;
  }
}

// Terminate the instance once the element with this id completed or was terminated.
message TerminateProcessInstanceInstruction {
  string afterElementId = 1;
}

// Evaluate the root-level conditional start events (8.9) of a tenant, or of one process definition.
message EvaluateConditionalRequest {
  string tenantId = 1;
  optional int64 processDefinitionKey = 2;
  // a JSON object: the variables the conditions read, and the new instances start with
  string variables = 3;
}

// The instances the evaluation started (none when no condition held).
message EvaluateConditionalResponse {
  repeated ProcessInstanceReference processInstances = 1;
  int64 conditionalEvaluationKey = 2;
  string tenantId = 3;
}

// A started instance and its definition.
message ProcessInstanceReference {
  int64 processDefinitionKey = 1;
  int64 processInstanceKey = 2;
}
`;
