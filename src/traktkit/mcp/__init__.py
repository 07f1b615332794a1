"""traktkit.mcp: the MCP server for AI assistants (`trakt mcp`, stdio).

A front end over the library, like the CLI: no HTTP and no SQL here. Build it with
`traktkit.mcp.server.build_server()`; importing this package imports nothing from the
optional `mcp` SDK.

Modules: `server` (build_server, instructions), `state` (settings, shared client, pending
login, mirror access), `inputs` / `outputs` / `outputs_account` (pydantic models of tool
arguments and results), `errors` (library exceptions as model-readable ToolErrors), and
the tools: `tools_catalog`, `tools_lists`, `tools_writes`, `tools_account`.
"""
