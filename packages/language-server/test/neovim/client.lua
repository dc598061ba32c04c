-- Drives Neovim's built-in LSP client (the API of Neovim 0.7, which
-- nvim-lspconfig and vim.lsp.config build on) against `scn lsp --stdio`,
-- on the buffer Neovim was started with, and writes what it saw to
-- result.json for packages/language-server/test/neovim.test.ts.
local result = {}
local client = vim.lsp.start_client({
  name = "scn",
  cmd = { os.getenv("SCN_NODE"), os.getenv("SCN_CLI"), "lsp", "--stdio" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(0, client)
local uri = vim.uri_from_bufnr(0)

result.diagnosed = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 20)
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, { line = d.lnum, character = d.col, code = d.code, message = d.message })
end

local function request(method, params)
  local answers = vim.lsp.buf_request_sync(0, method, params, 20000) or {}
  local answer = answers[client]
  return answer and answer.result or vim.NIL
end

-- Hover on the scenario's name (line 12, after `scenario `).
result.hover = request("textDocument/hover", { textDocument = { uri = uri }, position = { line = 11, character = 10 } })
-- Go to the definition of `visits` in the metrics block (line 18).
result.definition = request("textDocument/definition", { textDocument = { uri = uri }, position = { line = 17, character = 22 } })
-- The quick fixes for the misspelt enum member.
local misspelt = {}
for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(0, 15)) do table.insert(misspelt, d) end
result.actions = request("textDocument/codeAction", {
  textDocument = { uri = uri },
  range = { start = { line = 15, character = 29 }, ["end"] = { line = 15, character = 32 } },
  context = { diagnostics = misspelt },
})
-- Formatting, applied to the buffer as `gq`/`:lua vim.lsp.buf.formatting_sync()` does.
vim.lsp.buf.formatting_sync(nil, 20000)
result.formatted = vim.api.nvim_buf_get_lines(0, 0, -1, false)

vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("SCN_RESULT"))
vim.lsp.stop_client(client)
vim.cmd("qa!")
