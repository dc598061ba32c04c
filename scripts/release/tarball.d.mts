// Types for scripts/release/tarball.mjs, so that TypeScript tests can import
// it (test/packages.test.ts).

/** The files of a tarball: path (without the leading `package/`) → contents. */
export declare function readTarball(path: string): Map<string, Buffer>;
/** Problems that would break an install or an import; empty when the tarball is publishable. */
export declare function checkTarball(path: string, expectedName: string): string[];
