import { isAscii } from 'node:buffer';

/**
 * Bytes decoded per piece. Pieces without a byte above 0x7F (most of them: record JSON is ASCII but for the odd
 * Chinese name or address) are read as Latin-1, a plain copy; 1 KiB keeps the pieces that hold one such value
 * short (measured on a 31 MB tail of bench:scale batches: 512 B–2 KiB cost the same, 4 KiB more).
 */
const PIECE_BYTES = 1024;

/** A UTF-8 character is at most 4 bytes: a piece ends at most 3 bytes late so it never splits one. */
const MAX_CONTINUATION_BYTES = 3;

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The JSON text of a batch of records (UTF-8 bytes, as the log stores them) as a one-byte string, for
 * `JSON.parse`: every character above U+007F is written as its `\uXXXX` escape, which JSON reads back as the very
 * same character. Why: a batch holds a few Chinese values among hundreds of kilobytes of ASCII, and
 * `buffer.toString('utf8')` then turns the whole batch into a two-byte string, slow to build and to parse —
 * decoding a restart's log tail cost twice its `JSON.parse` (issue 9). Measured on 99 batches (31 MB, 62,783
 * records) of bench:scale: decode + parse 325–335 ms CPU through `toString('utf8')`, 196–203 ms this way.
 *
 * Only for JSON: characters above U+007F can only stand inside JSON strings, where an escape means the same.
 * Invalid UTF-8 decodes to U+FFFD as `toString('utf8')` decodes it (the log only holds what it encoded).
 */
export function batchJsonText(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const escaped = Buffer.allocUnsafe((PIECE_BYTES + MAX_CONTINUATION_BYTES) * 6);
  let text = '';
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(start + PIECE_BYTES, bytes.length);
    for (let late = 0; late < MAX_CONTINUATION_BYTES && end < bytes.length && (bytes[end] & 0xc0) === 0x80; late++) end++;
    text += isAscii(bytes.subarray(start, end)) ? bytes.toString('latin1', start, end) : escapeNonAscii(bytes.toString('utf8', start, end), escaped);
    start = end;
  }
  return text;
}

/** `piece` with every character above U+007F as `\uXXXX` (surrogate pairs as two), written through `into`. */
function escapeNonAscii(piece: string, into: Buffer): string {
  let at = 0;
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    if (code < 0x80) {
      into[at++] = code;
      continue;
    }
    into[at++] = 0x5c; // \
    into[at++] = 0x75; // u
    into[at++] = HEX[code >> 12];
    into[at++] = HEX[(code >> 8) & 15];
    into[at++] = HEX[(code >> 4) & 15];
    into[at++] = HEX[code & 15];
  }
  return into.toString('latin1', 0, at);
}
