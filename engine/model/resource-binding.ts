/**
 * Which version of a linked resource (called process, called decision, linked form) an element uses
 * (Camunda 8.6+ `bindingType`): the latest, the one deployed together with the element's process, or the
 * latest carrying `versionTag`.
 */
export type BindingType = 'latest' | 'deployment' | 'versionTag';

/** The binding of one `zeebe:calledElement`, `zeebe:calledDecision` or `zeebe:formDefinition`. */
export interface ResourceBinding {
  bindingType: BindingType;
  /** Set when `bindingType` is `versionTag`. */
  versionTag?: string;
}

const BINDING_TYPES: readonly string[] = ['latest', 'deployment', 'versionTag'];

/**
 * Reads `bindingType` and `versionTag` of a zeebe extension element (`latest` when absent), reporting an
 * unknown binding type or a `versionTag` binding without a tag against the element.
 */
export function readBinding(
  extensionElement: { bindingType?: string; versionTag?: string },
  xmlName: string,
  elementId: string,
  report: (id: string, message: string) => void,
): ResourceBinding {
  const bindingType = extensionElement.bindingType ?? 'latest';
  if (!BINDING_TYPES.includes(bindingType)) {
    report(elementId, `Expected 'bindingType' of '${xmlName}' to be 'latest', 'deployment' or 'versionTag', but was '${bindingType}'`);
  }
  if (bindingType === 'versionTag' && !extensionElement.versionTag) {
    report(elementId, `Must have a 'versionTag' on '${xmlName}' when its bindingType is 'versionTag'`);
  }
  return { bindingType: bindingType as BindingType, versionTag: extensionElement.versionTag || undefined };
}
