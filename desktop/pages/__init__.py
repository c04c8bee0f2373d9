"""The app's pages, one module each; every page takes the shared `Session` and holds no rules."""
