"""Language processing: the spaCy pipeline, sentences and quotations, and the claim rules."""
