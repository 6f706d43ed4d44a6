/** Escapes text for an XML attribute value or text node (`&`, `<`, `>` and `"`). */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
