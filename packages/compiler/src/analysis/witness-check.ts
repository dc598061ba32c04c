/**
 * Confirms a finding's witness with the reference interpreter before the
 * finding is reported. Analysis and interpretation are written separately,
 * so a witness that does not exhibit its finding means one of them is wrong:
 * that is a compiler bug, and it throws rather than mislead a user.
 */
import type { DiagnosticName } from "@scn/language";

export function confirmWitness(name: DiagnosticName, holds: boolean, witness: unknown): void {
  if (!holds) throw new Error(`internal: the witness for ${name} does not exhibit the finding: ${JSON.stringify(witness)}`);
}
