/** The version printed by `scn --version`; kept equal to the CLI package's version by a test. */
export const COMPILER_VERSION = "0.1.0";
