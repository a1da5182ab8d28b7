"""Language data and helpers: detection, transliteration, Russian morphology."""
