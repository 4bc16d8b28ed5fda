"""Use cases shared by the CLI and the TUI. Each takes a session; the caller owns the transaction."""
