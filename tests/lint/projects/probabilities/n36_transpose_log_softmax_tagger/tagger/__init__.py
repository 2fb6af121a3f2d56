"""POS tagger with a BiGRU encoder."""
