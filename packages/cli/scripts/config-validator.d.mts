// Types for packages/cli/scripts/config-validator.mjs, so that TypeScript
// tests can import it (packages/cli/test/config.test.ts).

/** The path of src/config-validator.ts, the file the script writes. */
export declare const VALIDATOR_FILE: string;
/** The source of src/config-validator.ts for the schema as it is now. */
export declare function configValidatorSource(): string;
