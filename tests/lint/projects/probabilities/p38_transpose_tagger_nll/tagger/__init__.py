"""BiLSTM sequence tagger for CoNLL-style NER."""
