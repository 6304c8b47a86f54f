"""`drawdown lsp`: the validator as a language server, for the corpus files an editor has open."""
