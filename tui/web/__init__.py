"""`drawdown serve`: the explorer in a browser, through textual-serve, with nothing fetched from the web."""
