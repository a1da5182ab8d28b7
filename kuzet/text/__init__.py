"""Text in: decoding bytes, the Document/Span types, and segmentation."""
