// Reads a package tarball (gzip'd tar, as npm and pnpm write them) without
// unpacking it, and lists what would make the package unusable once
// installed from the registry.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/** The files of a tarball: path (without the leading `package/`) → contents. */
export function readTarball(path) {
  const data = gunzipSync(readFileSync(path));
  const files = new Map();
  let offset = 0;
  while (offset + 512 <= data.length) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(0, 100);
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const body = data.subarray(offset + 512, offset + 512 + size);
    if (type === "0" || type === "") files.set(name.replace(/^package\//, ""), body);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** The files an `exports` map points at, for every condition. */
function exportTargets(exports) {
  if (typeof exports === "string") return [exports];
  if (exports === null || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

const normal = (path) => path.replace(/^\.\//, "");

/** Problems that would break an install or an import; empty when the tarball is publishable. */
export function checkTarball(path, expectedName) {
  const files = readTarball(path);
  const manifestBytes = files.get("package.json");
  if (!manifestBytes) return ["no package.json in the tarball"];
  const manifest = JSON.parse(manifestBytes.toString("utf8"));
  const problems = [];
  if (manifest.name !== expectedName) problems.push(`is named ${manifest.name}`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dep} is still \`${range}\``);
    }
  }
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const pointed = [...bins, manifest.main, manifest.types, ...exportTargets(manifest.exports)].filter((p) => typeof p === "string");
  for (const target of pointed) if (!files.has(normal(target))) problems.push(`points at ${target}, which is not in the tarball`);
  for (const required of ["README.md", "LICENSE"]) if (!files.has(required)) problems.push(`has no ${required}`);
  if (!manifest.license) problems.push("has no license field");
  if (!manifest.description) problems.push("has no description");
  for (const name of files.keys()) {
    if (/\.map$|\.tsbuildinfo$|^src\/|^test\//.test(name)) problems.push(`ships ${name}, which only the repository needs`);
  }
  return problems;
}
