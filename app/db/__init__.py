"""The store: SQLite file, pragmas, transactions, full-text index and migrations."""
