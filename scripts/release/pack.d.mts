// Types for scripts/release/pack.mjs, so that TypeScript tests can import it
// (test/packages.test.ts).

/** Packs the public packages into `outDir`; returns their tarball paths, dependencies first. */
export declare function packPackages(outDir: string): string[];
