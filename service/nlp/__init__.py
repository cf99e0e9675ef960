"""Language analysis of articles with spaCy: model loading and the analysis stage."""
