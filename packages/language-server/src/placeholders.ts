/**
 * Placeholder values for fields a quick fix adds: the simplest value of the
 * field's type that the checker accepts, so the fix leaves a program that
 * checks and the author only edits the value.
 */
import type { CheckedType } from "@scn/language";

export function placeholderValue(type: CheckedType, indent: string): string {
  switch (type.kind) {
    case "bool":
      return "false";
    case "int":
    case "number":
      return String(type.min ?? (type.max !== undefined && type.max < 0 ? type.max : 0));
    case "string":
      return '""';
    case "enum":
      return type.members[0] ?? '""';
    case "list":
      return "[]";
    case "record": {
      const required = type.fields.filter((field) => !field.optional);
      if (required.length === 0) return "{}";
      return `{ ${required.map((field) => `${field.name}: ${placeholderValue(field.type, indent)}`).join(", ")} }`;
    }
  }
}
