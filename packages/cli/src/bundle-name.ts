/**
 * The bundle name: the stem of every file `scn build` writes
 * (`<name>.scn.json`, `<name>.mjs`, …). It names files *inside* the output
 * directory, so it may never hold a path separator or start with a dot: a
 * name such as `../escaped` would write outside `-o`.
 *
 * One validator serves the `--name` flag, the config's `name` (whose JSON
 * Schema pattern a test keeps equal to this one) and the name derived from a
 * directory, so no route can produce a name the others would refuse.
 */

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit. */
export const BUNDLE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Long enough for any real name, short enough that the longest file written
 * (`<name>.scn.manifest.json`) and its temporary names stay under the
 * 255-byte file name limit of common file systems.
 */
export const BUNDLE_NAME_MAX_LENGTH = 100;

/** What is wrong with `name` as a bundle name, or undefined when it is valid. */
export function bundleNameProblem(name: string): string | undefined {
  if (name.length === 0) return "a bundle name cannot be empty";
  if (name.length > BUNDLE_NAME_MAX_LENGTH) return `\`${name.slice(0, 20)}…\` is ${name.length} characters long; a bundle name has at most ${BUNDLE_NAME_MAX_LENGTH}`;
  if (!BUNDLE_NAME_PATTERN.test(name)) {
    const shown = JSON.stringify(name).slice(1, -1);
    return `\`${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}\` is not a bundle name: use letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit (it names files inside the output directory, so it cannot hold \`/\` or start with \`.\`)`;
  }
  return undefined;
}

/**
 * A valid bundle name made from a file or directory name: other characters
 * become `-`, leading non-alphanumerics are dropped, the length is capped,
 * and `bundle` stands in when nothing is left.
 */
export function bundleNameFrom(stem: string): string {
  const safe = stem
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, BUNDLE_NAME_MAX_LENGTH);
  return safe !== "" && bundleNameProblem(safe) === undefined ? safe : "bundle";
}
