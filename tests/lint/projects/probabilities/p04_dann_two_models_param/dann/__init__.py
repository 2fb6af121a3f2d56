from .models import Classifier, Discriminator, Extractor

__all__ = ["Classifier", "Discriminator", "Extractor"]
