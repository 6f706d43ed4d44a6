/**
 * Models, validated once at deployment: parse BPMN (refusing DOCTYPE/entities), check it against what the
 * engine supports, check every FEEL expression, and compile an executable model per process definition.
 */
export * from './executable-process';
export type { BindingType, ResourceBinding } from './resource-binding';
export { parseBpmn, type ParsedBpmn } from './parse-bpmn';
export { compileProcesses, type CompileResult } from './compile-process';
export { refuseHostileXml, lineOf } from './xml-guard';
