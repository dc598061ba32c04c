/** Types of scripts/playground-links.mjs, for the test that keeps the docs' playground links fresh. */
export function pages(): string[];
export function withLinks(page: string, text: string): Promise<string>;
