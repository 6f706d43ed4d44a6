/**
 * Camunda groups incidents by `errorHashCode`, the Java `String.hashCode()` of the error message (a signed
 * 32-bit sum over UTF-16 code units); computing the same number keeps the codes clients pass around valid.
 */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  return hash;
}
