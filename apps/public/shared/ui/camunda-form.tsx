/**
 * A Camunda form (form-js viewer) in React, in Chinese (or English with the language switch): the parent
 * gets the Form to `submit()` through `onReady`; `readOnly` until the task is claimed.
 */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useEffect, useRef, useState } from 'react';
import { Form } from '@bpmn-io/form-js-viewer';
import { chineseFormModule, localizeDatePicker, UNTRANSLATED } from '../form-js-zh';
import { ErrorAlert } from './error-alert';
import { useLanguage } from './locale';

/** Replace the few texts form-js renders untranslated, now and when it re-renders. */
function translateLeftovers(container: HTMLElement): MutationObserver {
  const fix = () => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const replacement = UNTRANSLATED[node.nodeValue ?? ''];
      if (replacement) node.nodeValue = replacement;
    }
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(container, { subtree: true, childList: true, characterData: true });
  return observer;
}

/** Props of {@link CamundaForm}. */
export interface CamundaFormProps {
  schema: unknown;
  data: Record<string, unknown>;
  readOnly: boolean;
  onReady(form: Form | undefined): void;
}

/** The form, rendered once per schema and language. */
export function CamundaForm({ schema, data, readOnly, onReady }: CamundaFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | undefined>(undefined);
  const [error, setError] = useState<unknown>();
  const { language } = useLanguage();
  useEffect(() => {
    if (!container.current) return;
    localizeDatePicker(language);
    const viewer = new Form({ container: container.current, additionalModules: language === 'zh' ? [chineseFormModule] : [] });
    const observer = language === 'zh' ? translateLeftovers(container.current) : undefined;
    form.current = viewer;
    let live = true;
    viewer
      .importSchema(schema as never, data)
      .then(() => {
        if (!live) return;
        viewer.setProperty('readOnly', readOnly);
        onReady(viewer);
      })
      .catch((failure: unknown) => live && setError(new Error(`表单无法显示：${failure instanceof Error ? failure.message : String(failure)}`)));
    return () => {
      live = false;
      observer?.disconnect();
      viewer.destroy();
      onReady(undefined);
    };
    // The form is drawn once per schema and language; data and readOnly changes come with a new key.
  }, [schema, language]);
  useEffect(() => form.current?.setProperty('readOnly', readOnly), [readOnly]);
  return (
    <>
      <ErrorAlert error={error} />
      <div className="form-container" ref={container} />
    </>
  );
}
