/**
 * Source files arrive as bytes; this module turns them into text without
 * ever hiding a byte that is not UTF-8. A decoder that replaces bad bytes
 * with U+FFFD would let `scn fmt` write the replacement back (destroying the
 * byte) and let a string literal carry U+FFFD into a bundle, so the first bad
 * byte is located and reported (SCN1008), and the commands refuse the file.
 *
 * Invariant: `text` is exactly what Node's `readFileSync(path, "utf8")` gives
 * (a byte-order mark is kept, as the parser expects), and `invalidByte`,
 * when present, names the first byte at which UTF-8 decoding fails.
 */

/** The first byte of a file that is not valid UTF-8. */
export interface InvalidByte {
  /** Its index in the file, counting bytes from 0. */
  readonly index: number;
  /** Its value (0–255). */
  readonly value: number;
  /** The UTF-16 offset in `text` where the replacement for it stands. */
  readonly offset: number;
}

export interface DecodedSource {
  readonly text: string;
  readonly invalidByte?: InvalidByte;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The index of the first byte that does not start or continue a well-formed
 * UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF), or -1. For a truncated or malformed sequence it is the sequence's
 * first byte, which is where a reader would look.
 */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let continuation: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) continuation = 1;
    else if (lead >= 0xe0 && lead <= 0xef) continuation = 2;
    else if (lead >= 0xf0 && lead <= 0xf4) continuation = 3;
    else return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    if (lead === 0xe0) low = 0xa0;
    else if (lead === 0xed) high = 0x9f;
    else if (lead === 0xf0) low = 0x90;
    else if (lead === 0xf4) high = 0x8f;
    for (let k = 1; k <= continuation; k++) {
      const byte = bytes[i + k];
      if (byte === undefined) return i;
      if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return i;
    }
    i += continuation + 1;
  }
  return -1;
}

/** Decodes a source file's bytes, locating the first byte that is not UTF-8. */
export function decodeSource(bytes: Uint8Array): DecodedSource {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const index = firstInvalidByte(bytes);
    const text = lenient.decode(bytes);
    if (index < 0) return { text };
    // Everything before the first bad byte is valid, so its decoded length is the offset.
    const offset = strict.decode(bytes.subarray(0, index)).length;
    return { text, invalidByte: { index, value: bytes[index] as number, offset } };
  }
}
