# tests/lsp-nvim.test.sh — `cjmap lsp` with a real client: Neovim 0.7.2
# (Debian 12) headless, through its built-in client (vim.lsp.start_client,
# buf_attach_client).  Neovim sends positions in UTF-16 and edits as
# incremental changes; it shows the diagnostics at byte columns, so a
# diagnostic after 'ø' and an emoji lands right only if every conversion is.
. tests/lib.sh
# run_nvim SCRIPT OUT: Neovim headless and clean (no config, no shada)
# runs $TMP/SCRIPT, which writes its lines to $TMP/OUT; prints them.
run_nvim() {
  (cd "$TMP" && CJMAP=$CJMAP TMP=$TMP HOME=$TMP XDG_CONFIG_HOME=$TMP XDG_DATA_HOME=$TMP XDG_STATE_HOME=$TMP \
    timeout 60 nvim --headless -u NONE -i NONE -c "luafile $TMP/$1" >/dev/null 2>&1)
  cat "$TMP/$2" 2>/dev/null
}
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
out=$(run_nvim t.lua out.txt)
expect_eq "lsp nvim: diagnostics arrive" "attached true" "$(sed -n 1p <<<"$out")"
# Byte columns 29..32 on line 1 (0-based): after "Før 😀" (ø is 2 bytes, 😀 4).
expect_eq "lsp nvim: check's message at the right place (UTF-16 after ø and 😀)" \
  "1:29-1:32 1 unknown key 'nme' in segment (did you mean 'name'?)" "$(sed -n 2p <<<"$out")"
expect_eq "lsp nvim: an incremental edit fixes it" "cleared true" "$(sed -n 3p <<<"$out")"
expect_eq "lsp nvim: an inserted line is checked" "again true" "$(sed -n 4p <<<"$out")"
expect_eq "lsp nvim: ... at its place" "0:0 unknown key 'tittel' in journey (did you mean 'title'?)" "$(sed -n 5p <<<"$out")"
expect_eq "lsp nvim: the server exits 0 after Neovim's shutdown and exit" "exit 0" "$(sed -n 6p <<<"$out")"

# The language features through Neovim's own requests and edit functions:
# completion on a half-typed line, definition, hover, rename (applied to the
# buffer by vim.lsp.buf.rename), a quick fix applied as Neovim applies one,
# and the outline.
cat >"$TMP/k.yaml" <<'YAML'
title: Strøm 😀
segment: {name: Familier}
phases:
  - {id: leter, name: Jeg leter, statement: Jeg er ikke fornøyd}
  - {id: kjøp, name: Kjøp}
touchpoints:
  - {id: app, name: Appen, channel: app, phases: [leter, kjøp]}
  - {name: Butik, channel: stor, phases: [kjøp]}
experiences:
  - {phase: leter, text: Godt, touchpoint: app}
  - phase: kj
YAML
cat >"$TMP/f.lua" <<'LUA'
local out = {}
local function say(s) table.insert(out, s) end
local id = vim.lsp.start_client({ name = "cjmap", cmd = { os.getenv("CJMAP"), "lsp" },
  root_dir = os.getenv("TMP"), on_exit = function(code) say("exit " .. code) end })
vim.cmd("edit " .. os.getenv("TMP") .. "/k.yaml")
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
local uri = vim.uri_from_bufnr(buf)
local function req(method, line, ch, extra)
  local p = { textDocument = { uri = uri }, position = { line = line, character = ch } }
  for k, v in pairs(extra or {}) do p[k] = v end
  local r = vim.lsp.buf_request_sync(buf, method, p, 5000)
  return r and r[id] and r[id].result
end
-- completion after "phase: kj" (line 10), then after a half-typed key
local c = req("textDocument/completion", 10, 11)
local labels = {}
for _, it in ipairs(c and c.items or {}) do table.insert(labels, it.label) end
say("complete " .. table.concat(labels, ","))
vim.api.nvim_buf_set_lines(buf, 11, 11, false, { "    tou" })
c = req("textDocument/completion", 11, 7)
labels = {}
for _, it in ipairs(c and c.items or {}) do table.insert(labels, it.label) end
table.sort(labels)
say("keys " .. table.concat(labels, ","))
vim.api.nvim_buf_set_lines(buf, 11, 12, false, {})
-- definition from the reference in line 9 ("phase: leter")
local d = req("textDocument/definition", 9, 13)
say(string.format("definition %d:%d", d and d.range.start.line or -1, d and d.range.start.character or -1))
local h = req("textDocument/hover", 6, 50)
local hv = h and (type(h.contents) == "table" and h.contents.value or h.contents) or ""
say("hover " .. (hv:find("Jeg er ikke fornøyd", 1, true) and "statement" or hv))
-- rename the id 'leter' everywhere, as :lua vim.lsp.buf.rename('søker') does
vim.api.nvim_win_set_cursor(0, { 4, 10 })
vim.lsp.buf.rename("søker")
vim.wait(5000, function()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n"):find("leter,", 1, true) == nil
end, 20)
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")
local _, n = text:gsub("søker", "")
say("renamed " .. n)
-- the quick fix for 'stor' (line 7), applied as Neovim applies a code action's edit
local diags = vim.lsp.diagnostic.get_line_diagnostics(buf, 7)
local acts = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
  textDocument = { uri = uri },
  range = { start = { line = 7, character = 0 }, ["end"] = { line = 8, character = 0 } },
  context = { diagnostics = diags } }, 5000)
local a = acts and acts[id] and acts[id].result and acts[id].result[1]
say("action " .. (a and a.title or "none"))
if a then vim.lsp.util.apply_workspace_edit(a.edit, "utf-16") end
say("fixed " .. tostring(vim.api.nvim_buf_get_lines(buf, 7, 8, false)[1]:find("channel: store", 1, true) ~= nil))
local s = vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", { textDocument = { uri = uri } }, 5000)
local names = {}
for _, x in ipairs(s and s[id] and s[id].result or {}) do table.insert(names, x.name) end
say("symbols " .. table.concat(names, ","))
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.wait(300)
vim.fn.writefile(out, os.getenv("TMP") .. "/fout.txt")
vim.cmd("qa!")
LUA
out=$(run_nvim f.lua fout.txt)
expect_eq "lsp nvim: completion of a phase on a line being typed" "complete leter,Jeg leter,kjøp,Kjøp" "$(sed -n 1p <<<"$out")"
expect_eq "lsp nvim: completion of the keys of an experience" "keys importance,score,text,touchpoint,type" "$(sed -n 2p <<<"$out")"
expect_eq "lsp nvim: go to definition" "definition 3:9" "$(sed -n 3p <<<"$out")"
expect_eq "lsp nvim: hover on a reference shows the phase's statement" "hover statement" "$(sed -n 4p <<<"$out")"
expect_eq "lsp nvim: vim.lsp.buf.rename renames the id and its references" "renamed 3" "$(sed -n 5p <<<"$out")"
expect_eq "lsp nvim: the quick fix for a misspelt channel" "action Change to 'store'" "$(sed -n 6p <<<"$out")"
expect_eq "lsp nvim: ... applied by Neovim" "fixed true" "$(sed -n 7p <<<"$out")"
expect_eq "lsp nvim: the outline" "symbols Familier,phases,touchpoints,experiences" "$(sed -n 8p <<<"$out")"
expect_eq "lsp nvim: exit 0 after the features" "exit 0" "$(sed -n 9p <<<"$out")"
