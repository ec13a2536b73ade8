"""The command-line face of mlkata."""
