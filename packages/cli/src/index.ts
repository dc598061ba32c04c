export { runMain, buildProgram } from "./main.js";
export type { CliIO } from "./io.js";
