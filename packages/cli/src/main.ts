export async function runMain(_argv: string[]): Promise<number> { return 0; }
