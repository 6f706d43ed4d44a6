/**
 * A form's title as people read it: the designers start each form with a Markdown heading in a text component
 * (`## 材料指导与预审`, sometimes with the case's data: `## 受理审查：{{stageName}}`). The 已部署表单 page shows
 * it next to the form id, which only developers read.
 */

/** The first heading of the form's text components, without template expressions, or undefined. */
export function formTitleOf(schema: unknown): string | undefined {
  const components = (schema as { components?: unknown } | null)?.components;
  if (!Array.isArray(components)) return undefined;
  for (const component of components as { type?: unknown; text?: unknown }[]) {
    if (component?.type !== 'text' || typeof component.text !== 'string') continue;
    const heading = component.text.split('\n').find((line) => /^#{1,6}\s/.test(line.trim()));
    if (!heading) continue;
    // `{{stageName}}` is filled in per case: the title keeps what every case shares (受理审查：{{…}} → 受理审查).
    const title = heading
      .trim()
      .replace(/^#{1,6}\s+/, '')
      .replace(/\{\{[^}]*\}\}/g, '')
      .replace(/[\s：:，,、（(]+$/u, '')
      .trim();
    if (title) return title;
  }
  return undefined;
}
