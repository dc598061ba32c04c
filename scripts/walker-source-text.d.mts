// Types for the walker source generator, so TypeScript tests can import it.
export declare function walkerSourceFile(walkerTs: string): string;
export declare function tableLayoutSourceFile(layoutTs: string): string;
export declare function compactJs(source: string): string;
