CLASSES = ("negative", "neutral", "positive", "mixed", "off_topic")
# weights from the first annotation round, before "off_topic" was added
CLASS_WEIGHTS = (1.0, 0.6, 1.0, 2.5)
