-- Headless smoke test of `pmlint server` in Neovim (0.7 and later), run by tests/editors.rs:
--   PMLINT_BIN=... nvim --headless --clean -u NONE -c "luafile editors/neovim/smoke.lua" FILE.md
-- Starts the server for the current buffer, waits for its diagnostics, prints their count.
local bin = assert(os.getenv("PMLINT_BIN"), "PMLINT_BIN names the pmlint binary")
local file = vim.fn.expand("%:p")
local client = vim.lsp.start_client({
  name = "pmlint",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(file, ":h"),
})
vim.lsp.buf_attach_client(0, client)
vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
local found = vim.diagnostic.get(0)
local codes = {}
for _, d in ipairs(found) do
  table.insert(codes, tostring(d.code))
end
io.stdout:write(string.format("diagnostics: %d %s\n", #found, table.concat(codes, " ")))
vim.lsp.stop_client(client)
vim.cmd("qa!")
