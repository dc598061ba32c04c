/**
 * File URIs and file system paths. The server names every file by its
 * absolute path inside the program model (the path is what spans carry), and
 * by its URI on the wire.
 */
import { fileURLToPath, pathToFileURL } from "node:url";

export function uriToPath(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
