"""The Textual workbench. Import `factcheck.tui.app.make_app`; nothing below `tui/` imports Textual."""
