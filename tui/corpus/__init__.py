"""The data layer: scenario files in, a checked Corpus out. It never imports Textual or Rich."""
