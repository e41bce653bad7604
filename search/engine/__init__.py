"""How ``search.selectors`` searches: ``postgres`` (full text, trigrams) and ``sqlite`` (words
in the text, for the embedded mode). Both answer the same two calls: ``search`` and the
``suggest_*`` helpers of search as you type."""
