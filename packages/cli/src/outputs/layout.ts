/**
 * The names a build uses inside an output directory while it publishes
 * (docs/cli.md, "Temporary files and locks"). Staging directories use the
 * temporary-name pattern of temporaries.ts, so source discovery skips them
 * and their owner's pid tells whether they are stale.
 */

/** A staged set renamed to this name is committed: the next build finishes switching it in. */
export const COMMIT_DIRECTORY = ".scn-commit";

/** Inside a staged or committed set: which files to switch, in order, and which old files to remove. */
export const PLAN_FILE = "plan.json";

export interface PublishPlan {
  /** Data files, switched first. */
  readonly files: readonly string[];
  /** Files the previous manifests listed that this build no longer writes. */
  readonly remove: readonly string[];
  /** Manifests, switched last: each one vouches for the files before it. */
  readonly manifests: readonly string[];
}
