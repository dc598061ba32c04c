/**
 * Share links: the program, the context and the chosen decision, kept in the
 * URL fragment so that no server stores anything and a link never rots. The
 * fragment is `#v1/` followed by the base64url of the raw-DEFLATE-compressed
 * JSON `{"s": source, "c": context, "d": decision}`. The version prefix lets
 * a later format change the payload while this decoder keeps reading every
 * `v1` link ever shared; an unknown version or a damaged payload decodes to
 * null, never to a half-read program.
 *
 * Browsers and Node (20.12 and later) both have CompressionStream, so the
 * docs' "open in playground" links are made with this same code.
 */

export interface SharedState {
  readonly source: string;
  readonly context: string;
  readonly decision: string;
}

export const SHARE_VERSION = "v1";

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (with its leading `#`) that reproduces `state`. */
export async function encodeShare(state: SharedState): Promise<string> {
  const json = JSON.stringify({ s: state.source, c: state.context, d: state.decision });
  const packed = await pipeThrough(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `#${SHARE_VERSION}/${toBase64Url(packed)}`;
}

/** The state a fragment holds, or null when it is not a share link this version can read. */
export async function decodeShare(fragment: string): Promise<SharedState | null> {
  const match = /^#?v1\/(.*)$/.exec(fragment);
  if (match === null) return null;
  try {
    const bytes = fromBase64Url(match[1] ?? "");
    if (bytes === null) return null;
    const json = new TextDecoder("utf-8", { fatal: true }).decode(await pipeThrough(bytes, new DecompressionStream("deflate-raw")));
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null) return null;
    const { s, c, d } = value as Record<string, unknown>;
    if (typeof s !== "string" || typeof c !== "string" || typeof d !== "string") return null;
    return { source: s, context: c, decision: d };
  } catch {
    return null;
  }
}
