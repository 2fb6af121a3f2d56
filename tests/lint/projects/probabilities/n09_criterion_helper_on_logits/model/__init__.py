from .transformer import TransformerBinaryClassifier

__all__ = ["TransformerBinaryClassifier"]
