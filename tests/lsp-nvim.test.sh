# tests/lsp-nvim.test.sh — `cjmap lsp` with a real client: Neovim 0.7.2
# (Debian 12) headless, through its built-in client (vim.lsp.start_client,
# buf_attach_client).  Neovim sends positions in UTF-16 and edits as
# incremental changes; it shows the diagnostics at byte columns, so a
# diagnostic after 'ø' and an emoji lands right only if every conversion is.
. tests/lib.sh
command -v nvim >/dev/null || { fail "lsp nvim" "neovim is not installed (make deps installs it)"; exit 0; }
printf 'title: T\nsegment: {name: "Før 😀", nme: x}\nphases: [{id: a, name: A}]\ntouchpoints: [{name: W, channel: web, phases: [a]}]\n' >"$TMP/j.yaml"
cat >"$TMP/t.lua" <<'LUA'
local out = {}
local function say(s) table.insert(out, s) end
local id = vim.lsp.start_client({ name = "cjmap", cmd = { os.getenv("CJMAP"), "lsp" },
  root_dir = os.getenv("TMP"), on_exit = function(code) say("exit " .. code) end })
vim.cmd("edit " .. os.getenv("TMP") .. "/j.yaml")
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
say("attached " .. tostring(vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)))
for _, d in ipairs(vim.diagnostic.get(buf)) do
  say(string.format("%d:%d-%d:%d %d %s", d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message))
end
local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
local s = line:find("nme", 1, true)
vim.api.nvim_buf_set_text(buf, 1, s - 1, 1, s + 2, { "description" })
say("cleared " .. tostring(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20)))
vim.api.nvim_buf_set_text(buf, 0, 0, 0, 0, { "tittel: x", "" })
say("again " .. tostring(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 1 end, 20)))
local d = vim.diagnostic.get(buf)[1]
if d then say(string.format("%d:%d %s", d.lnum, d.col, d.message)) end
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.wait(300)
vim.fn.writefile(out, os.getenv("TMP") .. "/out.txt")
vim.cmd("qa!")
LUA
(cd "$TMP" && CJMAP=$CJMAP TMP=$TMP HOME=$TMP XDG_CONFIG_HOME=$TMP XDG_DATA_HOME=$TMP XDG_STATE_HOME=$TMP \
  timeout 60 nvim --headless -u NONE -i NONE -c "luafile $TMP/t.lua" >/dev/null 2>&1)
out=$(cat "$TMP/out.txt" 2>/dev/null)
expect_eq "lsp nvim: diagnostics arrive" "attached true" "$(sed -n 1p <<<"$out")"
# Byte columns 29..32 on line 1 (0-based): after "Før 😀" (ø is 2 bytes, 😀 4).
expect_eq "lsp nvim: check's message at the right place (UTF-16 after ø and 😀)" \
  "1:29-1:32 1 unknown key 'nme' in segment (did you mean 'name'?)" "$(sed -n 2p <<<"$out")"
expect_eq "lsp nvim: an incremental edit fixes it" "cleared true" "$(sed -n 3p <<<"$out")"
expect_eq "lsp nvim: an inserted line is checked" "again true" "$(sed -n 4p <<<"$out")"
expect_eq "lsp nvim: ... at its place" "0:0 unknown key 'tittel' in journey (did you mean 'title'?)" "$(sed -n 5p <<<"$out")"
expect_eq "lsp nvim: the server exits 0 after Neovim's shutdown and exit" "exit 0" "$(sed -n 6p <<<"$out")"
