/**
 * `@scn/language-server`: the scn language server (docs/editors.md). Any LSP
 * client can run it through `scn lsp --stdio`.
 */
export { createServer, startServer, SETTLED_REQUEST, type ServerOptions } from "./server.js";
export { defaultProjectLoader, programRoot, listSourceFiles, CONFIG_FILE, type ProjectLoader, type ProjectDescription, type SeveritySetting } from "./project-loader.js";
